using System.Text.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Governance;

[Collection(AppCollection.Name)]
public sealed class OpenApiGovernanceTests(VigieFactory factory)
{
    [Fact]
    public async Task OpenApiDocument_DescribesBodiesMeetingsOutcomesAndTasks()
    {
        var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[]
        {
            "/api/v1/contracts/{id}/bodies", "/api/v1/contracts/{id}/meetings", "/api/v1/contracts/{id}/meetings/{meetingId}/outcomes",
            "/api/v1/contracts/{id}/tasks", "/api/v1/contracts/{id}/tasks/{taskId}", "/api/v1/me/tasks", "/api/v1/contracts/{id}/meetings/search",
        })
            Assert.Contains(expected, paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/calendrier", StringComparison.Ordinal));
    }
}
