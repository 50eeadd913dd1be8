using System.Net;
using System.Text.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Operations;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCaptureCollection
{
    public const string Name = "console capture";
}

/// <summary>
/// Issue 16 item 6: with <c>Observability:JsonLogs</c> every line on standard output is one JSON object, and lines
/// written while serving a request carry its id (the one in <c>X-Request-Id</c>); an e-mail typed at login is not
/// logged. Standard output is captured for the app's lifetime, so this runs alone (no other app writes meanwhile).
/// </summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
[Collection(ConsoleCaptureCollection.Name)]
public sealed class JsonLogTests
{
    [Fact]
    public async Task JsonLogs_OneObjectPerLine_WithTheRequestId_WithoutTheEmailTyped()
    {
        var captured = new StringWriter();
        var original = Console.Out;
        var factory = new VigieFactory();
        factory.Settings["Observability:JsonLogs"] = "true";
        factory.Settings["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
        factory.Settings["Logging:LogLevel:Microsoft.AspNetCore.Identity"] = "Debug";
        string requestId;
        string email;
        Console.SetOut(captured);
        try
        {
            await factory.InitializeAsync();
            var user = await factory.UserAsync();
            email = user.Email;
            var client = PageClient.Create(factory);
            var response = await client.PostFormAsync("/compte/connexion", new() { ["Input.Email"] = user.Email, ["Input.Password"] = "Mauvais-mot-de-passe-1" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync(); // flushes the console logger's queue
            Console.SetOut(original);
        }

        var lines = captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ofTheRequest = entries.Where(e => e.TryGetProperty("Scopes", out var scopes)
            && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RequestId", out var id) && id.GetString() == requestId)).ToList();
        Assert.Contains(ofTheRequest, e => e.GetProperty("Category").GetString() == "Microsoft.AspNetCore.Hosting.Diagnostics");
        Assert.All(entries.Where(e => e.GetProperty("Category").GetString() == "Microsoft.AspNetCore.Hosting.Diagnostics"),
            e => Assert.Contains("RequestId", e.GetProperty("Scopes").GetRawText()));
        Assert.DoesNotContain(email, captured.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
