using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Feedback;

internal static class PlanningTestData
{
    public static readonly DateTimeOffset Since = FeedbackTestData.Start;
    public static readonly DateTimeOffset Now = FeedbackTestData.Start.AddDays(30);

    public static PlanningInput Input(DateTimeOffset? now = null) => new(
        FeedbackTestData.Corpus(),
        [
            new DeploymentRecord("web", "rel-1", "1.0.0", Since.AddDays(1), Since.AddDays(2), DeploymentOutcome.Succeeded),
            new DeploymentRecord("web", "rel-2", "1.1.0", Since.AddDays(4), Since.AddDays(5), DeploymentOutcome.RolledBack, Since.AddDays(5).AddMinutes(20), "5xx rate 5.7% > 1%"),
        ],
        [new IncidentRecord("web", "inc-1", "Sev1", "HTTP 5xx above 5%", Since.AddDays(6), Since.AddDays(6).AddMinutes(45), "rel-2")],
        [
            new RetrospectiveRecord("r1", "payments", "2026-W41", [],
            [
                new RetrospectiveItem(RetrospectiveItemKind.ToImprove, "Migration not rehearsed", 5, null, null),
                new RetrospectiveItem(RetrospectiveItemKind.Action, "Rehearse migrations", 0, "team-payments", new DateOnly(2026, 10, 15)),
                new RetrospectiveItem(RetrospectiveItemKind.Action, "Done already", 0, "team-payments", new DateOnly(2026, 10, 15), new DateOnly(2026, 10, 14)),
                new RetrospectiveItem(RetrospectiveItemKind.Action, "Not due yet", 0, "team-payments", new DateOnly(2026, 12, 15)),
            ], Since.AddDays(3)),
        ],
        Since,
        now ?? Now);
}
