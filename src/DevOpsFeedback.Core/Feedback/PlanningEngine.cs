using System.Collections.Immutable;
using System.Globalization;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Turns feedback, releases, incidents and retrospectives into ranked planning items. Pure and deterministic.
/// Score = reach (40) + severity (40) + trend (10) + age (10) points:
/// <list type="bullet">
/// <item><b>Theme</b> (≥ <see cref="PlanningOptions.MinThemeReports"/> reports, or worsening; not mostly praise):
/// reach = log(1 + distinct users, else reports) / log(1 + saturation); severity = 0.6 × bug share + 0.4 × (5 − mean
/// rating) / 4 (0.5 for the rating part without ratings); trend = 0.5 + log2((recent + 1) / (previous + 1)) / 4;
/// age = time since the first report / saturation.</item>
/// <item><b>Fix forward</b> (rolled back or failed in the period): reach = the version's feedback reach, at least
/// 0.5 (a production release reaches everyone); severity 0.9 when failed and still serving, 0.7 when rolled back;
/// trend 0.5; age since deployment.</item>
/// <item><b>Post-incident review</b> (fired in the period): reach = log(1 + minutes open) / log(1 + 1 day), 1 while
/// open; severity Sev0 1.0, Sev1 0.8, Sev2 0.6, Sev3 0.4, Sev4 0.2; trend = 0.5 + 0.1 per repeat of the same rule;
/// age since firing.</item>
/// <item><b>Overdue action</b>: reach = log(1 + the retrospective's votes) / log(51); severity 0.4; trend 0.5;
/// age = time overdue / saturation.</item>
/// </list>
/// </summary>
public static class PlanningEngine
{
    public static PlanningOutcome Plan(PlanningInput input, PlanningOptions? options = null)
    {
        options ??= PlanningOptions.Default;
        if (input.Now <= input.Since) throw new ArgumentException("the run time must be after since", nameof(input));

        var inPeriod = input.Feedback.Where(f => f.ReceivedAt >= input.Since && f.ReceivedAt < input.Now).ToList();
        var themes = ThemeExtractor.Extract(inPeriod, input.Now, options.ThemeSettings);
        var linkage = ReleaseLinkageAnalyzer.Analyze(inPeriod, input.Deployments, input.Since, input.Now);
        var apps = input.Deployments.Select(d => d.App).Concat(input.Incidents.Select(i => i.App))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var dora = apps.Select(a => DoraCalculator.Compute(a, input.Since, input.Now, input.Deployments, input.Incidents)).ToImmutableArray();

        var items = new List<PlanningItem>();
        items.AddRange(themes.Where(t => Qualifies(t, options)).Select(t => FromTheme(t, input.Now, options)));

        var versionReach = linkage.ToDictionary(v => (v.App, v.Version), v => v.Count);
        foreach (var d in input.Deployments.Where(d => d.IsChangeFailure && d.DeployedAt >= input.Since && d.DeployedAt < input.Now))
        {
            items.Add(FromDeployment(d, versionReach.GetValueOrDefault((d.App, d.Version)), input.Now, options));
        }

        var incidents = input.Incidents.Where(i => i.FiredAt >= input.Since && i.FiredAt < input.Now).ToList();
        var repeats = incidents.GroupBy(i => (i.App, i.Title)).ToDictionary(g => g.Key, g => g.Count());
        items.AddRange(incidents.Select(i => FromIncident(i, repeats[(i.App, i.Title)], input.Now, options)));

        var today = DateOnly.FromDateTime(input.Now.UtcDateTime);
        foreach (var retro in input.Retrospectives)
        {
            var votes = retro.Items.Sum(i => i.Votes);
            for (var index = 0; index < retro.Items.Length; index++)
            {
                var item = retro.Items[index];
                if (item is { Kind: RetrospectiveItemKind.Action, CompletedOn: null, DueDate: { } due } && due < today)
                {
                    items.Add(FromAction(retro, index, item, due, votes, input.Now, options));
                }
            }
        }

        var ranked = items
            .OrderByDescending(i => i.Score)
            .ThenBy(i => i.Key, StringComparer.Ordinal)
            .ToImmutableArray();
        return new PlanningOutcome(input.Since, input.Now, themes, linkage, dora, ranked);
    }

    private static bool Qualifies(Theme theme, PlanningOptions options) =>
        theme.PraiseCount * 2 < theme.Count &&
        (theme.Count >= options.MinThemeReports ||
         (theme.RecentCount >= options.MinRecentReports && theme.RecentCount >= options.RisingFactor * Math.Max(1, theme.PreviousCount)));

    private static PlanningItem FromTheme(Theme theme, DateTimeOffset now, PlanningOptions options)
    {
        var people = theme.DistinctUsers > 0 ? theme.DistinctUsers : theme.Count;
        var ratingPain = theme.AverageRating is { } avg ? (5 - avg) / 4 : 0.5;
        var parts = ScoreParts.FromUnits(
            Reach(people, options.ReachSaturation),
            (0.6 * theme.BugShare) + (0.4 * ratingPain),
            Trend(theme.RecentCount, theme.PreviousCount),
            Age(now - theme.FirstSeen, options));
        var rating = theme.AverageRating is { } a ? a.ToString("F1", CultureInfo.InvariantCulture) : "n/a";
        var summary = Invariant($"{theme.Count} reports from {people} users, {theme.BugShare:P0} bugs, mean rating {rating}; last {options.ThemeSettings.Window.TotalDays:F0} days {theme.RecentCount} vs {theme.PreviousCount} before.");
        var evidence = theme.Examples.Select(q => new EvidenceLink("feedback", q.FeedbackId, null, q.Text)).ToImmutableArray();
        return new PlanningItem(
            PlanningKeys.For(PlanningItemKind.Theme, theme.App, theme.Id), theme.App, PlanningItemKind.Theme,
            $"Feedback theme in {theme.App}: {theme.Name}", summary, parts.Total, parts, evidence,
            PlanningItemStatus.Open, theme.FirstSeen, now);
    }

    private static PlanningItem FromDeployment(DeploymentRecord d, int versionFeedback, DateTimeOffset now, PlanningOptions options)
    {
        var failed = d.Outcome == DeploymentOutcome.Failed;
        var parts = ScoreParts.FromUnits(
            Math.Max(0.5, Reach(versionFeedback, options.ReachSaturation)),
            failed ? 0.9 : 0.7,
            0.5,
            Age(now - d.DeployedAt, options));
        var what = failed ? "failed in production" : "rolled back";
        var reason = string.IsNullOrWhiteSpace(d.Reason) ? "no reason recorded" : d.Reason;
        return new PlanningItem(
            PlanningKeys.For(PlanningItemKind.FixForward, d.App, d.ReleaseId), d.App, PlanningItemKind.FixForward,
            $"Fix forward: {d.App} {d.Version} {what}", Invariant($"Release {d.ReleaseId} {what} at {d.DeployedAt:yyyy-MM-dd HH:mm}Z: {reason}"),
            parts.Total, parts,
            [new EvidenceLink("release", d.ReleaseId, $"/api/releases/{d.ReleaseId}", reason)],
            PlanningItemStatus.Open, d.DeployedAt, now);
    }

    private static PlanningItem FromIncident(IncidentRecord i, int repeats, DateTimeOffset now, PlanningOptions options)
    {
        var open = i.ResolvedAt is null || i.ResolvedAt > now;
        var minutes = open ? double.PositiveInfinity : (i.ResolvedAt!.Value - i.FiredAt).TotalMinutes;
        var severity = i.Severity switch
        {
            "Sev0" => 1.0,
            "Sev1" => 0.8,
            "Sev2" => 0.6,
            "Sev3" => 0.4,
            "Sev4" => 0.2,
            _ => 0.5,
        };
        var parts = ScoreParts.FromUnits(
            open ? 1 : Math.Log(1 + minutes) / Math.Log(1 + 1440),
            severity,
            0.5 + (0.1 * (repeats - 1)),
            Age(now - i.FiredAt, options));
        var evidence = ImmutableArray.Create(new EvidenceLink("incident", i.IncidentId, null, i.Title));
        if (i.ReleaseId is not null) evidence = evidence.Add(new EvidenceLink("release", i.ReleaseId, $"/api/releases/{i.ReleaseId}", null));
        var state = open ? "still open" : Invariant($"resolved after {minutes:F0} min");
        return new PlanningItem(
            PlanningKeys.For(PlanningItemKind.PostIncidentReview, i.App, i.IncidentId), i.App, PlanningItemKind.PostIncidentReview,
            $"Post-incident review: {i.App} {i.Severity} {i.Title}",
            Invariant($"Fired {i.FiredAt:yyyy-MM-dd HH:mm}Z, {state}; {repeats} incident(s) of this rule in the period."),
            parts.Total, parts, evidence, PlanningItemStatus.Open, i.FiredAt, now);
    }

    private static PlanningItem FromAction(RetrospectiveRecord retro, int index, RetrospectiveItem action, DateOnly due, int votes, DateTimeOffset now, PlanningOptions options)
    {
        var dueAt = new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var parts = ScoreParts.FromUnits(Math.Log(1 + votes) / Math.Log(51), 0.4, 0.5, Age(now - dueAt, options));
        return new PlanningItem(
            PlanningKeys.For(PlanningItemKind.OverdueAction, retro.Team, retro.Id, index.ToString(CultureInfo.InvariantCulture)),
            retro.Team, PlanningItemKind.OverdueAction,
            $"Overdue retrospective action ({retro.Team}, {retro.Iteration}): {action.Text}",
            Invariant($"Owner {action.Owner}, due {due:yyyy-MM-dd}, not done."),
            parts.Total, parts,
            [new EvidenceLink("retrospective", retro.Id, null, $"{retro.Iteration} item {index}")],
            PlanningItemStatus.Open, dueAt, now);
    }

    private static double Reach(int people, int saturation) => Math.Log(1 + people) / Math.Log(1 + saturation);

    private static double Trend(int recent, int previous) => 0.5 + (Math.Log2((recent + 1.0) / (previous + 1.0)) / 4);

    private static double Age(TimeSpan age, PlanningOptions options) => age / options.AgeFull;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
