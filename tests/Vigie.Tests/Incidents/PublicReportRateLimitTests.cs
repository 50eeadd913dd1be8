using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Incidents;

/// <summary>Its own app with a low public-form limit (Incidents:PublicForm:ReportsPerHour), so the shared app's tests are never throttled.</summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class PublicReportRateLimitTests : IAsyncLifetime
{
    private const int Limit = 2;
    private readonly VigieFactory _factory = new();

    public PublicReportRateLimitTests() => _factory.Settings["Incidents:PublicForm:ReportsPerHour"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task InitializeAsync() => _factory.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task PublicForm_OneReportOverTheLimit_Gets429_WithAFrenchMessageStatingTheLimit()
    {
        var s = await _factory.IncidentSetupAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/incident-public-form", new { enabled = true })).StatusCode);
        var url = $"/public/contrats/{s.Contract.Id}/signaler";
        var client = PageClient.Create(_factory);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i <= Limit; i++)
        {
            last = await client.PostFormAsync(url, new()
            {
                ["Input.Category"] = "TAG-STD", ["Input.Address"] = "Rue Esquermoise", ["Input.Latitude"] = "50,6372", ["Input.Longitude"] = "3,0633",
                ["Input.Description"] = $"Tag n° {i} sur la façade",
            }, url);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, (HttpStatusCode)429], statuses);
        Assert.Equal($"Trop de signalements envoyés depuis votre connexion : {Limit} par heure au plus. Réessayez dans une heure.", await last!.Content.ReadAsStringAsync());
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Equal(Limit, await _factory.IncidentCountAsync(s.Contract.Id));
        // Showing the form is free.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(url)).StatusCode);
    }
}
