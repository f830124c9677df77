using System.Collections.Immutable;

namespace DevOpsFeedback.ChangeControl;

public sealed class ChangeCalendarTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static readonly ChangeCalendar Weekend = new("Etc/UTC", [new WeeklyFreeze("Fri 16:00", "Mon 08:00", "weekend")], []);

    // 2026-11-27 is a Friday, 2026-11-30 a Monday.
    public static TheoryData<DateTimeOffset, DateTimeOffset?> WeekendCases => new()
    {
        { Utc(11, 27, 15, 59), null },
        { Utc(11, 27, 16, 0), Utc(11, 30, 8) },
        { Utc(11, 28, 12, 0), Utc(11, 30, 8) },
        { Utc(11, 29, 23, 59), Utc(11, 30, 8) },
        { Utc(11, 30, 7, 59), Utc(11, 30, 8) },
        { Utc(11, 30, 8, 0), null },
        { Utc(11, 25, 12, 0), null },
        { Utc(11, 27, 15, 59).AddSeconds(59), null },
    };

    [Theory]
    [MemberData(nameof(WeekendCases))]
    public void FreezeAt_WeeklyFreezeWrappingTheWeekend_EndsOnMonday(DateTimeOffset at, DateTimeOffset? endsAt)
    {
        var freeze = Weekend.FreezeAt(at);
        Assert.Equal(endsAt, freeze?.EndsAt);
        Assert.Equal(endsAt is not null, Weekend.IsFrozen(at));
        if (freeze is not null) Assert.Equal("weekend", freeze.Reason);
    }

    [Fact]
    public void FreezeAt_WeeklyFreezeWithinOneDay_EndsTheSameDay()
    {
        var calendar = new ChangeCalendar("Etc/UTC", [new WeeklyFreeze("Wed 09:00", "Wed 11:30", "release board")], []);
        Assert.Equal(Utc(11, 25, 11, 30), calendar.FreezeAt(Utc(11, 25, 10, 15))?.EndsAt);
        Assert.Null(calendar.FreezeAt(Utc(11, 25, 11, 30)));
        Assert.Null(calendar.FreezeAt(Utc(11, 26, 10, 15)));
    }

    private static readonly ChangeCalendar Christmas = new("Etc/UTC", [], [new DateFreeze("2026-12-24", "2026-12-26", "christmas")]);

    public static TheoryData<DateTimeOffset, DateTimeOffset?> ChristmasCases => new()
    {
        { Utc(12, 23, 23, 59), null },
        { Utc(12, 24, 0, 0), Utc(12, 27, 0) },
        { Utc(12, 26, 23, 59), Utc(12, 27, 0) },
        { Utc(12, 27, 0, 0), null },
    };

    [Theory]
    [MemberData(nameof(ChristmasCases))]
    public void FreezeAt_OneOffDates_CoverWholeDaysInclusive(DateTimeOffset at, DateTimeOffset? endsAt)
    {
        Assert.Equal(endsAt, Christmas.FreezeAt(at)?.EndsAt);
    }

    [Fact]
    public void FreezeAt_OneOffDatesInBerlin_FollowLocalMidnight()
    {
        var berlin = Christmas with { TimeZone = "Europe/Berlin" };
        Assert.Null(berlin.FreezeAt(Utc(12, 23, 22, 59)));
        Assert.Equal(Utc(12, 26, 23, 0), berlin.FreezeAt(Utc(12, 23, 23, 0))?.EndsAt);
        Assert.Null(berlin.FreezeAt(Utc(12, 26, 23, 0)));
    }

    [Fact]
    public void FreezeAt_DateFreezeRunningIntoTheWeekendFreeze_WaitsUntilBothEnd()
    {
        // Thu 24 to Sat 26 December, then the weekend freeze from Fri 16:00 to Mon 28 December 08:00.
        var calendar = new ChangeCalendar("Etc/UTC", Weekend.Weekly, Christmas.Dates);
        var freeze = calendar.FreezeAt(Utc(12, 24, 10));
        Assert.Equal(Utc(12, 28, 8), freeze?.EndsAt);
        Assert.Equal("christmas", freeze?.Reason);
    }

    [Fact]
    public void FreezeAt_WeeklyFreezesBackToBack_AreMerged()
    {
        var calendar = new ChangeCalendar("Etc/UTC", [new WeeklyFreeze("Tue 10:00", "Tue 12:00", "a"), new WeeklyFreeze("Tue 12:00", "Tue 14:00", "b")], []);
        Assert.Equal(Utc(11, 24, 14), calendar.FreezeAt(Utc(11, 24, 11))?.EndsAt);
    }

    [Fact]
    public void FreezeAt_OverlappingFreezes_TakeTheLaterEnd()
    {
        var calendar = new ChangeCalendar("Etc/UTC", [new WeeklyFreeze("Tue 10:00", "Tue 12:00", "short"), new WeeklyFreeze("Tue 09:00", "Tue 16:00", "long")], []);
        var freeze = calendar.FreezeAt(Utc(11, 24, 11));
        Assert.Equal(Utc(11, 24, 16), freeze?.EndsAt);
        Assert.Equal("long", freeze?.Reason);
    }

    private static readonly ChangeCalendar BerlinNight = new("Europe/Berlin", [new WeeklyFreeze("Sat 22:00", "Sun 04:00", "night batch")], []);

    [Theory]
    [InlineData("2026-03-28T21:00:00Z", "2026-03-29T02:00:00Z")] // spring forward: 22:00 CET to 04:00 CEST is five hours
    [InlineData("2026-10-24T20:00:00Z", "2026-10-25T03:00:00Z")] // fall back: 22:00 CEST to 04:00 CET is seven hours
    [InlineData("2026-07-11T20:00:00Z", "2026-07-12T02:00:00Z")] // summer
    [InlineData("2026-01-10T21:00:00Z", "2026-01-11T03:00:00Z")] // winter
    public void FreezeAt_WeeklyFreezeInBerlinAcrossDaylightSaving_EndsAtLocalWallTime(string at, string endsAt)
    {
        var start = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTimeOffset.Parse(endsAt, System.Globalization.CultureInfo.InvariantCulture), BerlinNight.FreezeAt(start)?.EndsAt);
        Assert.Null(BerlinNight.FreezeAt(start.AddMinutes(-1)));
    }

    [Fact]
    public void FreezeAt_BerlinMondayMorningFreeze_ShiftsInUtcWithDaylightSaving()
    {
        var calendar = new ChangeCalendar("Europe/Berlin", [new WeeklyFreeze("Mon 09:00", "Mon 10:00", "stand-up")], []);
        Assert.True(calendar.IsFrozen(new DateTimeOffset(2026, 7, 13, 7, 30, 0, TimeSpan.Zero)));
        Assert.False(calendar.IsFrozen(new DateTimeOffset(2026, 7, 13, 8, 30, 0, TimeSpan.Zero)));
        Assert.False(calendar.IsFrozen(new DateTimeOffset(2026, 11, 23, 7, 30, 0, TimeSpan.Zero)));
        Assert.True(calendar.IsFrozen(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void FreezeAt_AlwaysOpen_NeverFreezes()
    {
        Assert.Null(ChangeCalendar.AlwaysOpen.FreezeAt(Utc(12, 25, 12)));
        Assert.Empty(ChangeCalendar.AlwaysOpen.Validate());
    }

    [Fact]
    public void Validate_WellFormedCalendar_HasNoErrors()
    {
        Assert.Empty(new ChangeCalendar("Europe/Berlin", Weekend.Weekly, Christmas.Dates).Validate());
    }

    public static TheoryData<ChangeCalendar, string, string> InvalidCalendars => new()
    {
        { new ChangeCalendar("Mars/Olympus_Mons", [], []), "timeZone", "'Mars/Olympus_Mons' is not an IANA time zone" },
        { Weekend with { Weekly = [new WeeklyFreeze("Friday 16:00", "Mon 08:00", "x")] }, "weekly[0].from", "must be like 'Fri 16:00'" },
        { Weekend with { Weekly = [new WeeklyFreeze("Fri 16:00", "Mon 25:00", "x")] }, "weekly[0].to", "must be like 'Mon 08:00'" },
        { Weekend with { Weekly = [new WeeklyFreeze("Fri 16:00", "Mon", "x")] }, "weekly[0].to", "must be like 'Mon 08:00'" },
        { Weekend with { Weekly = [new WeeklyFreeze("Fri 16:00", "fri 16:00", "x")] }, "weekly[0].to", "must differ from 'from'" },
        { Christmas with { Dates = [new DateFreeze("2026-13-01", "2026-12-26", "x")] }, "dates[0].from", "must be a date YYYY-MM-DD" },
        { Christmas with { Dates = [new DateFreeze("2026-12-24", "26.12.2026", "x")] }, "dates[0].to", "must be a date YYYY-MM-DD" },
        { Christmas with { Dates = [Christmas.Dates[0], new DateFreeze("2026-12-26", "2026-12-24", "x")] }, "dates[1].to", "must not be before 'from'" },
    };

    [Theory]
    [MemberData(nameof(InvalidCalendars))]
    public void Validate_BadField_NamesTheField(ChangeCalendar calendar, string field, string message)
    {
        var errors = calendar.Validate();
        Assert.Equal(message, Assert.Contains(field, errors));
        Assert.Single(errors);
    }

    [Fact]
    public void Equals_SameContentInOtherArrays_IsEqual()
    {
        var copy = new ChangeCalendar("Etc/UTC", ImmutableArray.Create(new WeeklyFreeze("Fri 16:00", "Mon 08:00", "weekend")), []);
        Assert.Equal(Weekend, copy);
        Assert.NotEqual(Weekend, copy with { TimeZone = "Europe/Berlin" });
    }
}
