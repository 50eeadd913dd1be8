using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Api;

/// <summary>Everything under /api answers problem+json with the right status, including errors no handler wrote.</summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
[Collection(AppCollection.Name)]
public sealed class ApiErrorAnswersTests(VigieFactory factory)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        return json;
    }

    [Fact]
    public async Task UnknownRoute_WrongMethod_AndBadBodies_AnswerProblemJson()
    {
        var api = await factory.ApiClientAsync(await factory.AdminAsync());
        var notFound = await ProblemAsync(await api.GetAsync("/api/v1/nulle-part"), HttpStatusCode.NotFound);
        Assert.Contains("Aucune opération", notFound.GetProperty("detail").GetString());
        await ProblemAsync(await api.DeleteAsync("/api/v1/partner-types"), HttpStatusCode.MethodNotAllowed);
        await ProblemAsync(await api.PostAsync("/api/v1/partners", new StringContent("", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ProblemAsync(await api.PostAsync("/api/v1/partners", new StringContent("{\"name\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        // Anonymous: 401 problem+json, not a redirect or an empty answer.
        await ProblemAsync(await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/v1/contracts"), HttpStatusCode.Unauthorized);
        // Pages keep their HTML error page.
        var page = await factory.CreateClient().GetAsync("/nulle-part-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MeetingTime_AcceptsHoursAndMinutes_AndRefusesAnOffsetInFrench()
    {
        var admin = await factory.AdminAsync();
        var contract = await factory.ContractAsync((admin, Vigie.Web.Domain.ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(admin);
        var c = $"/api/v1/contracts/{contract.Id}";
        var body = await (await api.PostAsJsonAsync($"{c}/bodies", new { name = TestData.Unique("Plénière"), kind = "plenary" })).CreatedIdAsync();

        var refused = await ProblemAsync(await api.PostAsJsonAsync($"{c}/meetings", new { bodyId = body, title = "R", date = "2026-05-12", startTime = "14:30:00Z", endTime = "16:00" }), HttpStatusCode.BadRequest);
        Assert.Contains("HH:mm", refused.GetProperty("errors").GetProperty("startTime")[0].GetString());

        var meeting = await (await api.PostAsJsonAsync($"{c}/meetings", new { bodyId = body, title = "R", date = "2026-05-12", startTime = "14:30", endTime = "16:00:00" })).CreatedIdAsync();
        var read = await api.GetFromJsonAsync<JsonElement>($"{c}/meetings/{meeting}");
        Assert.Equal(meeting, read.GetProperty("meeting").GetProperty("id").GetGuid());
    }
}
