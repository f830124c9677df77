namespace DevOpsFeedback.Feedback;

/// <summary>
/// The parts of a planning score, each a number of points: score = reach + severity + trend + age (0–100).
/// Reach and severity weigh 40 each, trend and age 10 each; <see cref="PlanningEngine"/> documents each part.
/// </summary>
public sealed record ScoreParts(double Reach, double Severity, double Trend, double Age)
{
    public const double ReachWeight = 40;
    public const double SeverityWeight = 40;
    public const double TrendWeight = 10;
    public const double AgeWeight = 10;

    public double Total => Math.Round(Reach + Severity + Trend + Age, 1);

    /// <summary>Builds the parts from unit values in [0, 1] (clamped), rounded to 0.1 point.</summary>
    public static ScoreParts FromUnits(double reach, double severity, double trend, double age) =>
        new(Points(reach, ReachWeight), Points(severity, SeverityWeight), Points(trend, TrendWeight), Points(age, AgeWeight));

    private static double Points(double unit, double weight) => Math.Round(Math.Clamp(double.IsNaN(unit) ? 0 : unit, 0, 1) * weight, 1);
}
