using System.Collections.Immutable;
using System.Text;
using DevOpsFeedback.Analysis;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>
/// The KQL that yields the per-minute per-version frames of the backtest format from <c>AppRequests</c>,
/// counting with <c>sum(ItemCount)</c> so sampled rows weigh what they stand for.
/// </summary>
internal static class LogAnalyticsQuery
{
    /// <summary>A comment the query starts with, so stand-ins and workspace audits can tell it apart.</summary>
    public const string TemplateId = "// q:dfb-per-version-frames";

    public const string TimeColumn = "time";
    public const string VersionColumn = "version";
    public const string RequestsColumn = "requests";
    public const string FailuresColumn = "failures";

    public static readonly ImmutableArray<string> BucketColumns =
        [.. LatencyHistogram.StandardBoundsMs.Select(b => "le_" + b.ToString("0", System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The query, or the validation errors (each naming its field) when an input may not enter KQL.</summary>
    public static (string? Query, ImmutableArray<string> Errors) Build(
        string roleName, IReadOnlyCollection<string> versions, DateTimeOffset from, DateTimeOffset to)
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        if (KqlLiteral.Validate(roleName, "app") is { } appError) errors.Add(appError);
        if (versions.Count == 0) errors.Add("versions is empty");
        var index = 0;
        foreach (var version in versions)
        {
            if (KqlLiteral.Validate(version, $"versions[{index}]") is { } versionError) errors.Add(versionError);
            index++;
        }

        if (to <= from) errors.Add("to must be after from");
        if (errors.Count > 0) return (null, errors.ToImmutable());

        var sb = new StringBuilder();
        sb.Append(TemplateId).Append('\n');
        sb.Append("AppRequests\n");
        sb.Append("| where TimeGenerated >= ").Append(KqlLiteral.DateTime(from))
          .Append(" and TimeGenerated < ").Append(KqlLiteral.DateTime(to)).Append('\n');
        sb.Append("| where AppRoleName == ").Append(KqlLiteral.Quote(roleName)).Append('\n');
        sb.Append("| where AppVersion in (")
          .Append(string.Join(", ", versions.Distinct(StringComparer.Ordinal).Select(KqlLiteral.Quote))).Append(")\n");
        sb.Append("| summarize ").Append(RequestsColumn).Append(" = sum(ItemCount), ")
          .Append(FailuresColumn).Append(" = sumif(ItemCount, Success == false)");
        for (var i = 0; i < BucketColumns.Length; i++)
        {
            var bound = LatencyHistogram.StandardBoundsMs[i].ToString("0", System.Globalization.CultureInfo.InvariantCulture);
            sb.Append(", ").Append(BucketColumns[i]).Append(" = sumif(ItemCount, DurationMs <= ").Append(bound).Append(')');
        }

        sb.Append("\n    by ").Append(TimeColumn).Append(" = bin(TimeGenerated, 1m), ").Append(VersionColumn).Append(" = AppVersion\n");
        sb.Append("| order by ").Append(TimeColumn).Append(" asc, ").Append(VersionColumn).Append(" asc");
        return (sb.ToString(), []);
    }
}
