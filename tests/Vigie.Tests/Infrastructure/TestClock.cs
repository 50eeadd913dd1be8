namespace Vigie.Tests.Infrastructure;

/// <summary>
/// The app's <see cref="TimeProvider"/> in tests: system time plus an offset a test may move forward (a retention
/// period, a need-to-know window), zero by default so every other test sees the real clock. Timers keep running on
/// system time; only "now" moves. Shared with the browser tests' host (linked source file).
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>Moves "now" forward (or back with a negative span).</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Back to system time.</summary>
    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
