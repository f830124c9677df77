using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Feedback;

public sealed class DoraCalculatorTests
{
    private static DateTimeOffset T(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static DeploymentRecord Deploy(string id, DateTimeOffset commit, DateTimeOffset deployed, DeploymentOutcome outcome = DeploymentOutcome.Succeeded, DateTimeOffset? restored = null, string app = "web") =>
        new(app, id, id, commit, deployed, outcome, restored);

    [Fact]
    public void Compute_HandComputedFixture_GivesFiguresAndBands()
    {
        // Period: 14 days. Five deployments of "web" in it (one before it, one of another app: both ignored).
        DeploymentRecord[] deployments =
        [
            Deploy("r0", T(1, 0).AddDays(-2), T(1, 0).AddDays(-1)),
            Deploy("r1", T(1, 8), T(1, 10)),                                                    // lead 2 h
            Deploy("r2", T(2, 9), T(3, 9), DeploymentOutcome.RolledBack, T(3, 9, 30)),         // lead 24 h, restore 30 min
            Deploy("r3", T(5, 0), T(5, 6)),                                                     // lead 6 h
            Deploy("r4", T(8, 12), T(10, 12), DeploymentOutcome.Failed, T(10, 16)),             // lead 48 h, restore 4 h
            Deploy("r5", T(12, 0), T(12, 1)),                                                   // lead 1 h
            Deploy("x1", T(4, 0), T(4, 1), DeploymentOutcome.RolledBack, T(4, 2), app: "api"),
        ];
        IncidentRecord[] incidents =
        [
            new("web", "i1", "Sev1", "5xx", T(6, 10), T(6, 12)),                                // restore 2 h
            new("web", "i2", "Sev2", "latency", T(13, 0)),                                      // still open
            new("api", "i3", "Sev1", "5xx", T(6, 10), T(9, 12)),
        ];

        var m = DoraCalculator.Compute("web", T(1, 0), T(15, 0), deployments, incidents);

        Assert.Equal(5, m.Deployments);
        Assert.Equal(5.0 / 14, m.DeploymentsPerDay, 10);
        Assert.Equal(DoraBand.High, m.DeploymentFrequencyBand);          // ≥ 1/week, < 1/day
        Assert.Equal(TimeSpan.FromHours(6), m.LeadTimeMedian);           // 1, 2, 6, 24, 48 h
        Assert.Equal(DoraBand.Elite, m.LeadTimeBand);
        Assert.Equal(2, m.ChangeFailures);
        Assert.Equal(0.4, m.ChangeFailureRate!.Value, 10);
        Assert.Equal(DoraBand.Medium, m.ChangeFailureRateBand);          // 30 % < 40 % ≤ 45 %
        Assert.Equal(TimeSpan.FromHours(2), m.TimeToRestoreMedian);      // 30 min, 2 h, 4 h
        Assert.Equal(3, m.Restorations);
        Assert.Equal(1, m.Unrestored);
        Assert.Equal(DoraBand.High, m.TimeToRestoreBand);
    }

    [Theory]
    [InlineData(30, DoraBand.Elite)]
    [InlineData(5, DoraBand.High)]
    [InlineData(4, DoraBand.Medium)]
    [InlineData(1, DoraBand.Medium)]
    [InlineData(0, DoraBand.NoData)]
    public void Compute_DeploymentsIn30Days_FrequencyBand(int count, DoraBand expected)
    {
        var deployments = Enumerable.Range(0, count).Select(i => Deploy($"r{i}", T(1, 0).AddHours(i * 23), T(1, 1).AddHours(i * 23)));
        Assert.Equal(expected, DoraCalculator.Compute("web", T(1, 0), T(1, 0).AddDays(30), deployments, []).DeploymentFrequencyBand);
    }

    [Theory]
    [InlineData(0, 20, DoraBand.Elite)]
    [InlineData(3, 20, DoraBand.Elite)]
    [InlineData(4, 20, DoraBand.High)]
    [InlineData(6, 20, DoraBand.High)]
    [InlineData(9, 20, DoraBand.Medium)]
    [InlineData(10, 20, DoraBand.Low)]
    public void Compute_FailuresOfDeployments_ChangeFailureBand(int failures, int total, DoraBand expected)
    {
        var deployments = Enumerable.Range(0, total).Select(i =>
            Deploy($"r{i}", T(1, 0), T(1, 1).AddHours(i), i < failures ? DeploymentOutcome.RolledBack : DeploymentOutcome.Succeeded, T(1, 2).AddHours(i)));
        Assert.Equal(expected, DoraCalculator.Compute("web", T(1, 0), T(8, 0), deployments, []).ChangeFailureRateBand);
    }

    [Fact]
    public void Compute_NothingMeasured_IsNoDataNotElite()
    {
        var m = DoraCalculator.Compute("web", T(1, 0), T(8, 0), [], []);
        Assert.Equal([DoraBand.NoData, DoraBand.NoData, DoraBand.NoData, DoraBand.NoData], [m.DeploymentFrequencyBand, m.LeadTimeBand, m.ChangeFailureRateBand, m.TimeToRestoreBand]);
        Assert.Null(m.ChangeFailureRate);
    }

    [Fact]
    public void Compute_EmptyPeriod_Throws()
    {
        Assert.Throws<ArgumentException>(() => DoraCalculator.Compute("web", T(2, 0), T(1, 0), [], []));
    }
}
