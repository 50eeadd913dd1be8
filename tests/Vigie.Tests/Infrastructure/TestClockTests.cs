using Microsoft.Extensions.DependencyInjection;

namespace Vigie.Tests.Infrastructure;

/// <summary>The app under test reads "now" from the factory's settable clock: system time by default, moved forward on demand.</summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class TestClockTests : IAsyncLifetime
{
    private readonly VigieFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();
    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public void TheAppsTimeProvider_IsTheFactoryClock_KeepsSystemTime_AndMovesForward()
    {
        var clock = _factory.Services.GetRequiredService<TimeProvider>();
        Assert.Same(_factory.Clock, clock);
        Assert.InRange(clock.GetUtcNow() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(-1), TimeSpan.FromMinutes(1));

        _factory.Clock.Advance(TimeSpan.FromDays(92));
        Assert.InRange(clock.GetUtcNow() - DateTimeOffset.UtcNow, TimeSpan.FromDays(92) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(92) + TimeSpan.FromMinutes(1));

        _factory.Clock.Reset();
        Assert.Equal(TimeSpan.Zero, _factory.Clock.Offset);
    }
}
