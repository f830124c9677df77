using System.Collections.Immutable;

namespace DevOpsFeedback.Analysis;

/// <summary>
/// Everything one analysis needs. The judge is pure: frames and time come in as values.
/// </summary>
/// <param name="Mode">Canary (same time) or blue-green (after vs before the swap).</param>
/// <param name="BaselineVersion">Version production ran before the release.</param>
/// <param name="CandidateVersion">Version under judgement.</param>
/// <param name="StartedAt">Canary: when the candidate started to take traffic. Blue-green: the swap.</param>
/// <param name="Now">The end of the analysed window (exclusive).</param>
/// <param name="Look">1-based number of this analysis within the bake (for repeated-look control).</param>
/// <param name="PlannedLooks">How many analyses the bake plans in total.</param>
/// <param name="CandidateShare">Canary: the candidate's traffic share in percent (0–100); blue-green: 100.</param>
/// <param name="Frames">Telemetry of both versions, any order.</param>
public sealed record AnalysisRequest(
    AnalysisMode Mode,
    string BaselineVersion,
    string CandidateVersion,
    DateTimeOffset StartedAt,
    DateTimeOffset Now,
    int Look,
    int PlannedLooks,
    double CandidateShare,
    ImmutableArray<TelemetryFrame> Frames);
