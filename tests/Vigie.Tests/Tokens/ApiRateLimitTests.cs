using System.Net;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Partners;

namespace Vigie.Tests.Tokens;

/// <summary>Its own app instance: the shared one runs with a limit too high to ever trip.</summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class ApiRateLimitTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new();

    public ApiRateLimitTests() => _factory.Settings["RateLimits:ApiPerMinute"] = "3";

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task Api_BeyondLimitPerMinute_Returns429FrenchProblem()
    {
        var api = await _factory.ApiClientAsync(await _factory.UserAsync());
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var response = await api.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Trop de requêtes", (await PartnerTestKit.JsonAsync(response)).GetProperty("detail").GetString());
        // Retry-After: the seconds left in the window (issue 11), so that clients wait as told.
        Assert.True(int.TryParse(response.Headers.GetValues("Retry-After").Single(), out var seconds) && seconds is > 0 and <= 60, "Retry-After absent ou hors de 1 à 60 s");
        // Another token has its own budget.
        var other = await _factory.ApiClientAsync(await _factory.UserAsync());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/me")).StatusCode);
    }
}
