namespace Credentials.Benchmarks;

/// <summary>A clock that always reads the same instant, in UTC, so every run issues and verifies the same documents.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
