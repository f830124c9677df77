using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace DevOpsFeedback.ChangeControl;

/// <summary>A weekly recurring freeze, e.g. from "Fri 16:00" to "Mon 08:00", in the calendar's time zone.</summary>
public sealed record WeeklyFreeze(string From, string To, string Reason);

/// <summary>A one-off freeze over whole local dates, both inclusive ("2026-12-24" to "2026-12-26").</summary>
public sealed record DateFreeze(string From, string To, string Reason);

/// <summary>When a freeze holds and until when.</summary>
public sealed record FreezeInfo(string Reason, DateTimeOffset EndsAt);

/// <summary>
/// Change windows of an app: weekly freezes and one-off dates in the app's IANA time zone.
/// Pure: the instant to check is an input. Stored as strings so that it serialises into the release log as is.
/// </summary>
public sealed record ChangeCalendar(string TimeZone, ImmutableArray<WeeklyFreeze> Weekly, ImmutableArray<DateFreeze> Dates)
{
    public static readonly ChangeCalendar AlwaysOpen = new("Etc/UTC", [], []);

    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private const int MinutesPerWeek = 7 * 24 * 60;

    /// <summary>Field errors of this calendar, keyed by JSON path; empty when valid.</summary>
    public ImmutableDictionary<string, string> Validate()
    {
        var errors = ImmutableDictionary.CreateBuilder<string, string>();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is null)
        {
            errors["timeZone"] = $"'{TimeZone}' is not an IANA time zone";
        }

        for (var i = 0; i < Weekly.Length; i++)
        {
            if (ParseWeekMinute(Weekly[i].From) is null) errors[$"weekly[{i}].from"] = "must be like 'Fri 16:00'";
            if (ParseWeekMinute(Weekly[i].To) is null) errors[$"weekly[{i}].to"] = "must be like 'Mon 08:00'";
            if (ParseWeekMinute(Weekly[i].From) is { } f && f == ParseWeekMinute(Weekly[i].To)) errors[$"weekly[{i}].to"] = "must differ from 'from'";
        }

        for (var i = 0; i < Dates.Length; i++)
        {
            var from = ParseDate(Dates[i].From);
            var to = ParseDate(Dates[i].To);
            if (from is null) errors[$"dates[{i}].from"] = "must be a date YYYY-MM-DD";
            if (to is null) errors[$"dates[{i}].to"] = "must be a date YYYY-MM-DD";
            if (from is { } a && to is { } b && b < a) errors[$"dates[{i}].to"] = "must not be before 'from'";
        }

        return errors.ToImmutable();
    }

    /// <summary>The freeze in force at <paramref name="at"/>, with the instant the release may go (chained freezes merged), or null.</summary>
    public FreezeInfo? FreezeAt(DateTimeOffset at)
    {
        var first = Single(at);
        if (first is null) return null;
        var end = first.EndsAt;
        for (var guard = 0; guard < 64; guard++)
        {
            var next = Single(end);
            if (next is null || next.EndsAt <= end) break;
            end = next.EndsAt;
        }

        return first with { EndsAt = end };
    }

    public bool IsFrozen(DateTimeOffset at) => Single(at) is not null;

    private FreezeInfo? Single(DateTimeOffset at)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) ?? DateTimeZone.Utc;
        var local = Instant.FromDateTimeOffset(at).InZone(zone).LocalDateTime;
        FreezeInfo? found = null;

        foreach (var d in Dates)
        {
            if (ParseDate(d.From) is not { } from || ParseDate(d.To) is not { } to) continue;
            if (local.Date >= from && local.Date <= to)
            {
                var ends = To(zone, to.PlusDays(1).AtMidnight());
                found = Later(found, new FreezeInfo(d.Reason, ends));
            }
        }

        var minute = WeekMinute(local);
        foreach (var w in Weekly)
        {
            if (ParseWeekMinute(w.From) is not { } from || ParseWeekMinute(w.To) is not { } to) continue;
            var inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
            if (!inside) continue;
            var untilEnd = ((to - minute) % MinutesPerWeek + MinutesPerWeek) % MinutesPerWeek;
            var endLocal = local.Date.AtMidnight().PlusMinutes(local.Hour * 60 + local.Minute + untilEnd);
            found = Later(found, new FreezeInfo(w.Reason, To(zone, endLocal)));
        }

        return found;
    }

    private static FreezeInfo Later(FreezeInfo? a, FreezeInfo b) => a is null || b.EndsAt > a.EndsAt ? b : a;

    private static DateTimeOffset To(DateTimeZone zone, LocalDateTime local) =>
        local.InZoneLeniently(zone).ToDateTimeOffset().ToUniversalTime();

    private static int WeekMinute(LocalDateTime local) =>
        (((int)local.DayOfWeek - 1) * 24 * 60) + (local.Hour * 60) + local.Minute;

    internal static int? ParseWeekMinute(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2) return null;
        var day = Array.FindIndex(DayNames, n => string.Equals(n, parts[0], StringComparison.OrdinalIgnoreCase));
        if (day < 0) return null;
        var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(parts[1]);
        return time.Success ? (day * 24 * 60) + (time.Value.Hour * 60) + time.Value.Minute : null;
    }

    internal static LocalDate? ParseDate(string text)
    {
        var r = LocalDatePattern.Iso.Parse(text);
        return r.Success ? r.Value : null;
    }

    public bool Equals(ChangeCalendar? other) =>
        other is not null && TimeZone == other.TimeZone && Weekly.SequenceEqual(other.Weekly) && Dates.SequenceEqual(other.Dates);

    public override int GetHashCode() => HashCode.Combine(TimeZone, Weekly.Length, Dates.Length);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TimeZone}: {Weekly.Length} weekly, {Dates.Length} dated freezes");
}
