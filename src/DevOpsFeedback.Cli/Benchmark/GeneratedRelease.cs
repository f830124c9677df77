using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Backtest;

namespace DevOpsFeedback.Cli.Benchmark;

/// <summary>One release of the benchmark with the truth the generator used (for the oracle).</summary>
/// <param name="CandidateRpm">The candidate's nominal requests per minute.</param>
/// <param name="HasPeak">A daily traffic peak falls in the bake.</param>
/// <param name="Truth">Per candidate minute of the bake: what a healthy candidate would have had.</param>
public sealed record GeneratedRelease(
    int Id,
    ReleaseKind Kind,
    double CandidateRpm,
    bool HasPeak,
    BacktestRelease Release,
    ImmutableArray<TelemetryFrame> Frames,
    ImmutableArray<MinuteTruth> Truth);

/// <summary>The healthy expectation for one candidate minute: expected requests, error rate and latency bin probabilities.</summary>
public sealed record MinuteTruth(double ExpectedRequests, double ErrorRate, ImmutableArray<double> LatencyCdf);
