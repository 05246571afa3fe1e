using Microsoft.Extensions.Time.Testing;

namespace Credentials.Testing;

public static class Clock
{
    /// <summary>A clock stopped at noon UTC on the date, with UTC as its local zone.</summary>
    public static FakeTimeProvider At(DateOnly date)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        return clock;
    }

    public static FakeTimeProvider At(int year, int month, int day) => At(new DateOnly(year, month, day));
}
