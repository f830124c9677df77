using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Azure.Planning;

internal static class SinkTestItems
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    public static PlanningItem Item(string title = "Fix forward: web 1.1.0 rolled back", string note = "5xx <b>5.7%</b> & 'quoted'")
    {
        var parts = ScoreParts.FromUnits(0.5, 0.7, 0.5, 0.1);
        return new PlanningItem(
            PlanningKeys.For(PlanningItemKind.FixForward, "web", "rel-2"), "web", PlanningItemKind.FixForward, title,
            "Release rel-2 rolled back: <script>alert(1)</script>", parts.Total, parts,
            [new EvidenceLink("release", "rel-2", "/api/releases/rel-2", note)], PlanningItemStatus.Open, Now.AddDays(-2), Now);
    }

    public static PlanningSinkClientOptions NoRetries()
    {
        var options = new PlanningSinkClientOptions();
        options.Retry.MaxRetries = 0;
        return options;
    }
}
