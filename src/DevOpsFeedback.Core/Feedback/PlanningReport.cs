using System.Globalization;
using System.Text;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// The Markdown report for a planning meeting: DORA figures with bands, top themes with example quotes, releases
/// whose feedback changed beyond normal variation, and the ranked items with their score parts. Every piece of
/// user or system text goes through <see cref="MarkdownText.Escape"/>.
/// </summary>
public static class PlanningReport
{
    public static string Render(PlanningOutcome outcome, int maxThemes = 10, int maxItems = 25)
    {
        var md = new StringBuilder();
        Line(md, $"# Planning report {outcome.Since:yyyy-MM-dd} to {outcome.Now:yyyy-MM-dd}");
        md.Append('\n');

        Line(md, "## DORA metrics");
        md.Append('\n');
        if (outcome.Dora.IsEmpty)
        {
            Line(md, "No deployments or incidents in the period.");
        }
        else
        {
            Line(md, "| App | Deployment frequency | Lead time (median) | Change failure rate | Time to restore (median) |");
            Line(md, "|---|---|---|---|---|");
            foreach (var d in outcome.Dora)
            {
                var rate = d.ChangeFailureRate is { } r ? $"{r:P1} ({d.ChangeFailures}/{d.Deployments})" : "n/a";
                Line(md, $"| {MarkdownText.Escape(d.App)} | {d.DeploymentsPerDay:F2}/day ({d.Deployments}) — {d.DeploymentFrequencyBand} | {Duration(d.LeadTimeMedian)} — {d.LeadTimeBand} | {rate} — {d.ChangeFailureRateBand} | {Duration(d.TimeToRestoreMedian)} over {d.Restorations}, {d.Unrestored} open — {d.TimeToRestoreBand} |");
            }
        }

        md.Append('\n');
        Line(md, "## Top themes");
        md.Append('\n');
        var themes = outcome.Themes.OrderByDescending(t => t.Count).ThenBy(t => t.App, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal).Take(maxThemes).ToList();
        if (themes.Count == 0)
        {
            Line(md, "No themes in the period.");
            md.Append('\n');
        }

        foreach (var t in themes)
        {
            var rating = t.AverageRating is { } a ? a.ToString("F1", CultureInfo.InvariantCulture) : "n/a";
            Line(md, $"### {MarkdownText.Escape(t.App)}: {MarkdownText.Escape(t.Name)}");
            md.Append('\n');
            Line(md, $"{t.Count} reports, {t.DistinctUsers} users, {t.BugShare:P0} bugs, mean rating {rating}, recent {t.RecentCount} vs previous {t.PreviousCount}.");
            md.Append('\n');
            foreach (var q in t.Examples) Line(md, $"> {MarkdownText.Escape(q.Text)} ({q.Category.ToString().ToLowerInvariant()}, {MarkdownText.Escape(q.Version ?? "unknown version")})");
            md.Append('\n');
        }

        var flagged = outcome.Linkage.Where(v => !v.Flags.IsEmpty).ToList();
        if (flagged.Count > 0)
        {
            Line(md, "## Releases that changed feedback");
            md.Append('\n');
            foreach (var v in flagged)
            {
                var flags = string.Join("; ", v.Flags.Select(f => $"{f.Measure} {(f.Worse ? "worse" : "better")} {MarkdownText.Escape(f.Detail)} (z {f.Z:F1})"));
                Line(md, $"- {MarkdownText.Escape(v.App)} {MarkdownText.Escape(v.Version)} (after {MarkdownText.Escape(v.PreviousVersion ?? "none")}): {flags}");
            }

            md.Append('\n');
        }

        Line(md, "## Planning items");
        md.Append('\n');
        var open = outcome.Items.Where(i => i.Status == PlanningItemStatus.Open).ToList();
        if (open.Count == 0) Line(md, "No open items.");
        var rank = 0;
        foreach (var i in open.Take(maxItems))
        {
            rank++;
            var p = i.ScoreParts;
            Line(md, $"{rank}. **{MarkdownText.Escape(i.Title)}** — score {i.Score:F1} (reach {p.Reach:F1} + severity {p.Severity:F1} + trend {p.Trend:F1} + age {p.Age:F1}), key `{i.Key}`");
            Line(md, $"   {MarkdownText.Escape(i.Summary)}");
            foreach (var e in i.Evidence)
            {
                var note = e.Note is null ? "" : $": {MarkdownText.Escape(e.Note)}";
                Line(md, $"   - {MarkdownText.Escape(e.Kind)} {MarkdownText.Escape(e.Reference)}{note}");
            }
        }

        var closedCount = outcome.Items.Length - open.Count;
        if (closedCount > 0)
        {
            md.Append('\n');
            Line(md, $"{closedCount} closed item{(closedCount == 1 ? "" : "s")} not shown.");
        }

        return md.ToString();
    }

    private static string Duration(TimeSpan? span) => span switch
    {
        null => "n/a",
        var s when s.Value.TotalDays >= 1 => $"{s.Value.TotalDays:F1} d",
        var s when s.Value.TotalHours >= 1 => $"{s.Value.TotalHours:F1} h",
        var s => $"{s.Value.TotalMinutes:F0} min",
    };

    private static void Line(StringBuilder md, FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');
}
