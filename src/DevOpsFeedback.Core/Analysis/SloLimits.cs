namespace DevOpsFeedback.Analysis;

/// <summary>Absolute limits checked on the candidate alone, whatever the baseline does (a second guard).</summary>
/// <param name="MaxErrorRate">Fail when the candidate's error rate is significantly above this (0–1); null: off.</param>
/// <param name="MaxP95Ms">Fail when the candidate's p95 latency is above this many ms; null: off.</param>
public sealed record SloLimits(double? MaxErrorRate = 0.05, double? MaxP95Ms = null);
