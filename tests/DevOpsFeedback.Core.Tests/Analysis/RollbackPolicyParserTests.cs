using DevOpsFeedback.Analysis.Statistics;

namespace DevOpsFeedback.Analysis;

public class RollbackPolicyParserTests
{
    [Fact]
    public void Parse_EmptyObject_GivesTheDocumentedDefaults()
    {
        var result = RollbackPolicyParser.Parse("{}");
        Assert.True(result.IsSuccess);
        Assert.Equal(new RollbackPolicy(), result.Policy);
        Assert.Equal(new RollbackPolicy(1, 60, 0, 4, new JudgePolicy(0.005, SpendingFunction.Pocock, 2, 180, 100, 100)), result.Policy);
    }

    [Fact]
    public void Parse_EveryField_IsRead()
    {
        const string Json = """
            { "intervalMinutes": 5, "bakeMinutes": 30, "failureLimit": 1, "consecutiveErrorLimit": 3, "telemetryDelayMinutes": 2,
              "judge": { "significance": 0.01, "spending": "obrienFleming", "consecutive": 3, "baselineMinutes": 60,
                         "minRequests": 50, "minLatencySamples": 40,
                         "errorRate": { "enabled": false, "minRatio": 1.5, "minIncrease": 0.002 },
                         "latency": { "enabled": true, "minShift": 0.3 }, "traffic": { "enabled": false, "maxDrop": 0.5 },
                         "slo": { "maxErrorRate": null, "maxP95Ms": 800 } } }
            """;
        var policy = RollbackPolicyParser.Parse(Json).Policy!;
        Assert.Equal(6, policy.PlannedLooks);
        Assert.Equal(TimeSpan.FromMinutes(2), policy.ToBakePolicy().TelemetryDelay);
        Assert.Equal(new JudgePolicy(0.01, SpendingFunction.OBrienFleming, 3, 60, 50, 40, new ErrorRatePolicy(false, 1.5, 0.002),
            new LatencyPolicy(true, 0.3), new TrafficPolicy(false, 0.5), new SloLimits(null, 800)), policy.Judge);
    }

    [Theory]
    [InlineData("""{"judge":{"minRequests":0}}""", "judge.minRequests: must be ≥ 1")]
    [InlineData("""{"intervalMinutes":"5"}""", "intervalMinutes: must be a whole number")]
    [InlineData("""{"judge":{"significance":0.9}}""", "judge.significance: must be ≤ 0.5")]
    [InlineData("""{"judge":{"spending":"fast"}}""", "judge.spending: must be one of \"pocock\", \"obrienFleming\", \"linear\"")]
    [InlineData("""{"judge":{"latency":{"minShfit":0.2}}}""", "judge.latency.minShfit: unknown field")]
    [InlineData("""{"judge":{"errorRate":{"enabled":"yes"}}}""", "judge.errorRate.enabled: must be true or false")]
    [InlineData("""{"judge":{"slo":{"maxErrorRate":2}}}""", "judge.slo.maxErrorRate: must be ≤ 1")]
    [InlineData("""{"bakeMinutes":5,"intervalMinutes":10}""", "bakeMinutes: must be ≥ intervalMinutes")]
    [InlineData("""{"judge":[]}""", "judge: must be an object")]
    [InlineData("""{"telemetryDelayMinutes":-1}""", "telemetryDelayMinutes: must be ≥ 0")]
    [InlineData("""[1]""", "$: must be a JSON object")]
    [InlineData("""{"bakeMinutes":""", "$: not valid JSON")]
    public void Parse_InvalidPolicy_NamesTheField(string json, string expected)
    {
        var result = RollbackPolicyParser.Parse(json);
        Assert.False(result.IsSuccess);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ToBakePolicy_CarriesIntervalDurationAndLimits()
    {
        var bake = new RollbackPolicy(5, 30, 1, 2).ToBakePolicy();
        Assert.Equal(new Releases.BakePolicy(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), 1, 2), bake);
        Assert.Equal(6, bake.PlannedLooks);
    }
}
