using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web;

namespace Vigie.Tests.Operations;

/// <summary>
/// Issue 16, reliability suite "PostgreSQL restarted under load": a request that cannot reach the database gets a
/// French 503 with Retry-After (page and API), not a 500. The real restart is driven by <c>reliability.sh</c>; here a
/// test-only endpoint raises the exception chain Npgsql and EF produce when the server is down.
/// </summary>
public sealed class DatabaseUnavailableTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new() { TestServices = s => s.AddSingleton<IStartupFilter, ThrowingFilter>() };

    public Task InitializeAsync() => _factory.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    private sealed class ThrowingFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/api/v1/test-db-down", a => a.Run(_ => throw Down()));
            app.Map("/test-db-down", a => a.Run(_ => throw Down()));
            app.Map("/test-bug", a => a.Run(_ => throw new InvalidOperationException("a bug")));
        };

        private static Exception Down() =>
            new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
                new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)));
    }

    [Theory]
    [InlineData("/test-db-down")]
    [InlineData("/api/v1/test-db-down")]
    public async Task DatabaseDown_Gives503WithRetryAfter_AndAFrenchMessage(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Contains("ne joint pas sa base de données", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AnOrdinaryBug_StaysA500()
    {
        var response = await _factory.CreateClient().GetAsync("/test-bug");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(VigieApp.IsDatabaseUnavailable(new InvalidOperationException("a bug")));
        // Another service's network failure is not the database's.
        Assert.False(VigieApp.IsDatabaseUnavailable(new HttpRequestException("OIDC back-channel", new SocketException((int)SocketError.ConnectionRefused))));
    }
}
