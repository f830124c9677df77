using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;

namespace DevOpsFeedback.Analysis;

public class StatisticalJudgeTests
{
    private readonly StatisticalJudge _judge = new();

    [Fact]
    public void Analyze_FiveTimesErrorRate_FailsWithAReadableReason()
    {
        var frames = Frames.BlueGreenRelease(1000, 0.002, 0.01);
        var verdict = _judge.Analyze(Frames.BlueGreen(frames, look: 3));
        Assert.Equal(VerdictPhase.Fail, verdict.Phase);
        Assert.Equal("error rate 1% vs 0.2%, p < 1e-6, 2 analyses in a row", verdict.Metrics.Single(m => m.Metric == "error-rate").Reason);
    }

    [Fact]
    public void Analyze_FirstSignificantLook_IsInconclusiveUntilConfirmed()
    {
        var frames = Frames.BlueGreenRelease(1000, 0.002, 0.01);
        var verdict = _judge.Analyze(Frames.BlueGreen(frames, look: 1));
        Assert.Equal(VerdictPhase.Inconclusive, verdict.Phase);
        Assert.Contains("needs 2 in a row", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_HealthyRelease_Passes()
    {
        var frames = Frames.BlueGreenRelease(1000, 0.005, 0.005, baselineLatency: Frames.Fast, candidateLatency: Frames.Fast);
        var verdict = _judge.Analyze(Frames.BlueGreen(frames, look: 30));
        Assert.Equal(VerdictPhase.Pass, verdict.Phase);
        Assert.Equal(["error-rate", "latency", "traffic", "slo-error-rate"], verdict.Metrics.Select(m => m.Metric));
    }

    [Fact]
    public void Analyze_SmallButSignificantIncrease_PassesBelowTheEffectSize()
    {
        // 0.50% → 0.55% on a million requests is significant but below the 1.25× effect size.
        var frames = Frames.BlueGreenRelease(20_000, 0.005, 0.0055);
        Assert.Equal(VerdictPhase.Pass, _judge.Analyze(Frames.BlueGreen(frames, look: 60)).Metrics.Single(m => m.Metric == "error-rate").Phase);
    }

    [Fact]
    public void Analyze_SlowerCandidate_FailsOnLatency()
    {
        var frames = Frames.BlueGreenRelease(500, 0.005, 0.005, baselineLatency: Frames.Fast, candidateLatency: Frames.Slow);
        var verdict = _judge.Analyze(Frames.BlueGreen(frames, look: 5));
        var latency = verdict.Metrics.Single(m => m.Metric == "latency");
        Assert.Equal(VerdictPhase.Fail, latency.Phase);
        Assert.StartsWith("p95 latency", latency.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_CandidateServesNothing_FailsOnTrafficLoss()
    {
        var frames = Frames.Minutes("1.0", Frames.Swap.AddMinutes(-180), 180, 500, 0.005).ToImmutableArray();
        var verdict = _judge.Analyze(Frames.BlueGreen(frames, look: 5));
        Assert.Equal(VerdictPhase.Fail, verdict.Phase);
        Assert.Equal(VerdictPhase.Fail, verdict.Metrics.Single(m => m.Metric == "traffic").Phase);
        Assert.Equal(VerdictPhase.Inconclusive, verdict.Metrics.Single(m => m.Metric == "error-rate").Phase);
    }

    [Fact]
    public void Analyze_CanaryGettingHalfItsShare_FailsOnTrafficLoss()
    {
        var frames = Frames.Minutes("1.0", Frames.Swap, 10, 900, 0.005).Concat(Frames.Minutes("2.0", Frames.Swap, 10, 50, 0.005));
        var verdict = _judge.Analyze(Frames.Canary(frames, look: 10, share: 10));
        Assert.Equal(VerdictPhase.Fail, verdict.Metrics.Single(m => m.Metric == "traffic").Phase);
    }

    [Theory]
    [InlineData(550, VerdictPhase.Fail)]
    [InlineData(1000, VerdictPhase.Pass)]
    public void Analyze_SwapDuringARisingPeak_JudgesTrafficAgainstTheMinutesJustBefore(long candidateRpm, VerdictPhase expected)
    {
        // 400/min for 2.5 h, then the daily peak climbs to 1,000/min in the half hour before the swap: against the 3-hour
        // average (450/min) even a halved candidate looks like more traffic, against the minutes just before it is a loss.
        var history = Frames.Minutes("1.0", Frames.Swap.AddMinutes(-180), 150, 400, 0.005)
            .Concat(Enumerable.Range(0, 30).SelectMany(m => Frames.Minutes("1.0", Frames.Swap.AddMinutes(-30 + m), 1, 400 + 20 * (m + 1), 0.005)));
        var verdict = _judge.Analyze(Frames.BlueGreen(history.Concat(Frames.Minutes("2.0", Frames.Swap, 10, candidateRpm, 0.005)), look: 10));
        var traffic = verdict.Metrics.Single(m => m.Metric == "traffic");
        Assert.Equal(expected, traffic.Phase);
        if (expected == VerdictPhase.Fail)
            Assert.StartsWith("traffic 550/min in the 5 minutes after the swap vs 960/min in the 5 minutes before (−43%), p < 1e-6", traffic.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(600, VerdictPhase.Fail)]
    [InlineData(1000, VerdictPhase.Pass)]
    public void Analyze_SwapAfterAHalfCanary_ComparesTheAppsTrafficNotTheOldVersions(long candidateRpm, VerdictPhase expected)
    {
        // Before the swap each version served half of 1,000/min; after it the candidate should serve all of it.
        var before = Frames.Minutes("1.0", Frames.Swap.AddMinutes(-180), 180, 500, 0.005).Concat(Frames.Minutes("2.0", Frames.Swap.AddMinutes(-180), 180, 500, 0.005));
        var verdict = _judge.Analyze(Frames.BlueGreen(before.Concat(Frames.Minutes("2.0", Frames.Swap, 10, candidateRpm, 0.005)), look: 10));
        Assert.Equal(expected, verdict.Metrics.Single(m => m.Metric == "traffic").Phase);
    }

    [Fact]
    public void Analyze_NoData_IsInconclusive()
    {
        var verdict = _judge.Analyze(Frames.BlueGreen([], look: 10));
        Assert.Equal(VerdictPhase.Inconclusive, verdict.Phase);
        Assert.Equal("no telemetry for either version", verdict.Reason);
    }

    [Fact]
    public void Analyze_LowTraffic_IsInconclusiveNeverFail()
    {
        // 10 requests a minute, every request of the candidate failing in the first 5 minutes: too few requests.
        var frames = Frames.BlueGreenRelease(10, 0.01, 1.0, minutes: 5);
        var verdict = _judge.Analyze(Frames.BlueGreen(frames, look: 5));
        Assert.Equal(VerdictPhase.Inconclusive, verdict.Phase);
        Assert.Contains("too few requests", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_FailuresAboveRequests_IsError()
    {
        ImmutableArray<TelemetryFrame> frames = [new(Frames.Swap, "2.0", 5, 9)];
        var verdict = _judge.Analyze(Frames.BlueGreen(frames, look: 1));
        Assert.Equal(VerdictPhase.Error, verdict.Phase);
        Assert.Contains("failures 9 > requests 5", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_SloBreachWithEqualBaseline_FailsOnTheAbsoluteLimit()
    {
        var frames = Frames.BlueGreenRelease(1000, 0.08, 0.08);
        var verdict = _judge.Analyze(Frames.BlueGreen(frames, look: 10));
        Assert.Equal(VerdictPhase.Pass, verdict.Metrics.Single(m => m.Metric == "error-rate").Phase);
        Assert.Equal(VerdictPhase.Fail, verdict.Metrics.Single(m => m.Metric == "slo-error-rate").Phase);
    }

    [Theory]
    [InlineData(0, 10, "Look")]
    [InlineData(1, 0, "PlannedLooks")]
    public void Analyze_BadRequest_NamesTheField(int look, int planned, string field)
    {
        var request = Frames.BlueGreen([], look: 1) with { Look = look, PlannedLooks = planned };
        var ex = Assert.Throws<ArgumentException>(() => _judge.Analyze(request));
        Assert.StartsWith(field + ":", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_IdenticalCandidateAndBaseline_NeverFails() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 5000)), Arb.From(Gen.Choose(0, 1000)), Arb.From(Gen.Choose(1, 60)), (rpm, perMille, look) =>
        {
            var rate = perMille / 1000.0 * 0.2;
            var frames = Frames.Minutes("1.0", Frames.Swap, look, rpm, rate, Frames.Fast)
                .Concat(Frames.Minutes("2.0", Frames.Swap, look, rpm, rate, Frames.Fast));
            return new StatisticalJudge(new JudgePolicy(Slo: new SloLimits(null))).Analyze(Frames.Canary(frames, look, 50)).Phase != VerdictPhase.Fail;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Analyze_ScalingAllCountsUp_NeverTurnsFailIntoPass() =>
        Prop.ForAll(Arb.From(Gen.Choose(20, 400)), Arb.From(Gen.Choose(1, 50)), Arb.From(Gen.Choose(2, 10)), (rpm, ratio10, scale) =>
        {
            var look = 2 + rpm % 29;
            var baseRate = 0.01;
            var candRate = Math.Min(1, baseRate * ratio10 / 10.0);
            var small = Frames.BlueGreenRelease(rpm, baseRate, candRate, look);
            var large = small.Select(f => f with { Requests = f.Requests * scale, Failures = f.Failures * scale }).ToImmutableArray();
            var before = _judge.Analyze(Frames.BlueGreen(small, look)).Phase;
            var after = _judge.Analyze(Frames.BlueGreen(large, look)).Phase;
            // Multiplying counts also multiplies the baseline's minute-to-minute dispersion, which the judge models,
            // so a Fail may become Inconclusive; what must never happen is that more data reads as a Pass.
            return before != VerdictPhase.Fail || after != VerdictPhase.Pass;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Analyze_BurstsOnlyInTheCandidateMinutes_AreNoiseNotAFail()
    {
        // Smooth baseline at 0.4%; the candidate has the same 0.4% plus 3 burst minutes at 4% in 20 (the bench's noisy kind):
        // its rate doubles, but its own minutes are overdispersed, so the difference is within the burst noise.
        var candidate = Frames.Minutes("2.0", Frames.Swap, 20, 1000, 0.004)
            .Select((f, m) => m is 3 or 9 or 15 ? f with { Failures = 40 } : f);
        var frames = Frames.Minutes("1.0", Frames.Swap.AddMinutes(-180), 180, 1000, 0.004).Concat(candidate).ToList();
        var verdict = new StatisticalJudge().Analyze(Frames.BlueGreen(frames, look: 20));
        Assert.NotEqual(VerdictPhase.Fail, verdict.Phase);
        Assert.Contains(verdict.Metrics, m => m.Metric == "error-rate" && m.Phase == VerdictPhase.Pass);
    }

    [Fact]
    public void Analyze_UniformDoublingWithoutBursts_StillFails()
    {
        var verdict = new StatisticalJudge().Analyze(Frames.BlueGreen(Frames.BlueGreenRelease(1000, 0.004, 0.008, minutes: 20), look: 20));
        Assert.Equal(VerdictPhase.Fail, verdict.Phase);
        Assert.Contains("error rate", verdict.Reason, StringComparison.Ordinal);
    }
}
