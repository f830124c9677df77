using System.Text.Json.Nodes;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Alerts;

public sealed class CommonAlertSchemaParserTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Alerts", "Fixtures", name));

    private static AlertSignal ParseOk(string fixture)
    {
        var result = CommonAlertSchemaParser.Parse(Fixture(fixture));
        Assert.True(result.IsSuccess, result.ErrorSummary);
        return result.Signal!;
    }

    [Fact]
    public void Parse_MetricStaticFired_ReadsEssentialsAndSummarisesCondition()
    {
        var result = CommonAlertSchemaParser.Parse(Fixture("metric-static-fired.json"));

        Assert.True(result.IsSuccess, result.ErrorSummary);
        var signal = result.Signal!;
        Assert.EndsWith("/alerts/1d2c3b4a-5e6f-4a1b-8c9d-0e1f2a3b4c5d", signal.AlertId);
        Assert.Equal(("payments-api-5xx", "Sev2", "Metric", MonitorCondition.Fired), (signal.Rule, signal.Severity, signal.SignalType, signal.Condition));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 7, 41, TimeSpan.Zero).AddTicks(1234567), signal.FiredAt);
        Assert.Null(signal.ResolvedAt);
        Assert.Equal("/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/resourcegroups/rg-pay/providers/microsoft.web/sites/payments-api", Assert.Single(signal.TargetResourceIds));
        Assert.Equal("Http5xx Total GreaterThan 20 (value 42) over PT5M", signal.Description);
        Assert.Equal("Platform", result.MonitoringService);
        Assert.Equal("payments-api", result.CustomProperties["app"]);
        Assert.Contains("SingleResourceMultipleMetricCriteria", result.AlertContextJson);
    }

    [Fact]
    public void Parse_MetricStaticResolved_SameAlertIdWithResolvedTimeAndDistinctDedupKey()
    {
        var fired = ParseOk("metric-static-fired.json");
        var resolved = ParseOk("metric-static-resolved.json");

        Assert.Equal(fired.AlertId, resolved.AlertId);
        Assert.Equal(MonitorCondition.Resolved, resolved.Condition);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 21, 3, 500, TimeSpan.Zero), resolved.ResolvedAt);
        Assert.NotEqual(fired.DedupKey, resolved.DedupKey);
    }

    [Fact]
    public void Parse_DuplicateDelivery_SameDedupKey()
    {
        var first = ParseOk("metric-static-fired.json");
        var retried = ParseOk("metric-static-fired.json");

        Assert.Equal(first.DedupKey, retried.DedupKey);
        Assert.Equal(first, retried with { TargetResourceIds = first.TargetResourceIds });
    }

    [Fact]
    public void Parse_MetricDynamicThreshold_SummaryNamesSensitivityAndDimension()
    {
        var signal = ParseOk("metric-dynamic-fired.json");

        Assert.Equal("HttpResponseTime Average GreaterThan 0.8123 (dynamic threshold, Medium sensitivity) (value 1.92) [Instance=pd1sdwk0001] over PT15M", signal.Description);
        Assert.Equal("Sev3", signal.Severity);
    }

    [Fact]
    public void Parse_LogSearchV2Fired_SummaryNamesMeasureAndVersionDimension()
    {
        var result = CommonAlertSchemaParser.Parse(Fixture("log-v2-fired.json"));

        Assert.True(result.IsSuccess, result.ErrorSummary);
        Assert.Equal("Log Alerts V2", result.MonitoringService);
        Assert.Equal("log query Maximum of Rate GreaterThan 0.03 (value 0.081) [AppVersion=2.8.0] over PT5M", result.Signal!.Description);
        Assert.Equal(("Log", MonitorCondition.Fired), (result.Signal.SignalType, result.Signal.Condition));
        Assert.Empty(result.CustomProperties);
    }

    [Fact]
    public void Parse_LogSearchV2Resolved_ResolvedWithoutResolvedTime()
    {
        var signal = ParseOk("log-v2-resolved.json");

        Assert.Equal(MonitorCondition.Resolved, signal.Condition);
        Assert.Null(signal.ResolvedAt);
    }

    [Fact]
    public void Parse_ActivityLogSwap_SummaryNamesOperationStatusAndScope()
    {
        var signal = ParseOk("activity-log-swap.json");

        Assert.Equal("Activity Log", signal.SignalType);
        Assert.Equal(
            "activity Microsoft.Web/sites/slots/slotsswap/action Succeeded on /subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/resourceGroups/rg-pay/providers/Microsoft.Web/sites/payments-api/slots/staging",
            signal.Description);
    }

    [Fact]
    public void Parse_CostAlert_NullConditionAndTargetsAccepted()
    {
        var signal = ParseOk("cost-budget.json");

        Assert.Equal(MonitorCondition.None, signal.Condition);
        Assert.Empty(signal.TargetResourceIds);
        Assert.Equal("Your spend for budget payments-monthly is now 92% of the budget.", signal.Description);
    }

    [Fact]
    public void Parse_TimeWithoutOffset_ReadAsUtc()
    {
        var signal = ParseOk("service-health-no-offset.json");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 15, 30, 250, TimeSpan.Zero), signal.FiredAt);
        Assert.Equal(TimeSpan.Zero, signal.FiredAt.Offset);
        Assert.StartsWith("activity Microsoft.ServiceHealth/incident/action Active", signal.Description);
    }

    [Fact]
    public void Parse_TimeWithOffset_ConvertedToUtc()
    {
        var signal = ParseOk("metric-static-fired.json");
        var payload = Mutate("metric-static-fired.json", "firedDateTime", "2026-11-20T12:07:41+02:00");

        var result = CommonAlertSchemaParser.Parse(payload);

        Assert.True(result.IsSuccess, result.ErrorSummary);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 7, 41, TimeSpan.Zero), result.Signal!.FiredAt);
        Assert.NotEqual(signal.FiredAt, result.Signal.FiredAt);
    }

    [Fact]
    public void Parse_DescriptionWithLineBreaksAndNoKnownContext_OneLine()
    {
        var node = JsonNode.Parse(Fixture("metric-static-fired.json"))!;
        node["data"]!["alertContext"] = new JsonObject { ["unknownShape"] = true };
        node["data"]!["essentials"]!["description"] = "line one\r\n  <b>line two</b>\n";

        var result = CommonAlertSchemaParser.Parse(node.ToJsonString());

        Assert.True(result.IsSuccess, result.ErrorSummary);
        Assert.Equal("line one <b>line two</b>", result.Signal!.Description);
    }

    [Theory]
    [InlineData("not json at all", "$")]
    [InlineData("[1,2]", "$")]
    [InlineData("""{"data":{"essentials":{}}}""", "schemaId")]
    [InlineData("""{"schemaId":"Microsoft.Insights/activityLogs","data":{}}""", "schemaId")]
    [InlineData("""{"schemaId":"azureMonitorCommonAlertSchema"}""", "data")]
    [InlineData("""{"schemaId":"azureMonitorCommonAlertSchema","data":{"alertContext":{}}}""", "data.essentials")]
    [InlineData("""{"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":"x"}}""", "data.essentials")]
    public void Parse_BrokenEnvelope_ErrorNamesField(string json, string field)
    {
        var result = CommonAlertSchemaParser.Parse(json);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Signal);
        Assert.Contains(result.Errors, e => e.Field == field);
    }

    [Theory]
    [InlineData("alertId", null, "data.essentials.alertId", "is missing")]
    [InlineData("alertId", "42", "data.essentials.alertId", "expected a string")]
    [InlineData("alertId", "\"  \"", "data.essentials.alertId", "is empty")]
    [InlineData("firedDateTime", null, "data.essentials.firedDateTime", "is missing")]
    [InlineData("firedDateTime", "\"yesterday at noon\"", "data.essentials.firedDateTime", "ISO 8601")]
    [InlineData("firedDateTime", "1700000000", "data.essentials.firedDateTime", "ISO 8601")]
    [InlineData("resolvedDateTime", "\"soon\"", "data.essentials.resolvedDateTime", "ISO 8601")]
    [InlineData("monitorCondition", null, "data.essentials.monitorCondition", "absent is not")]
    [InlineData("monitorCondition", "\"Open\"", "data.essentials.monitorCondition", "expected \"Fired\"")]
    [InlineData("alertTargetIDs", null, "data.essentials.alertTargetIDs", "absent is not")]
    [InlineData("alertTargetIDs", "\"/subscriptions/x\"", "data.essentials.alertTargetIDs", "array of strings or null")]
    [InlineData("alertTargetIDs", "[\"/subscriptions/x\", 7]", "data.essentials.alertTargetIDs[1]", "expected a string")]
    [InlineData("alertRule", "{}", "data.essentials.alertRule", "expected a string")]
    [InlineData("severity", "2", "data.essentials.severity", "expected a string")]
    public void Parse_BrokenEssentials_ErrorNamesField(string property, string? json, string field, string message)
    {
        var result = CommonAlertSchemaParser.Parse(Mutate("metric-static-fired.json", property, json is null ? null : JsonNode.Parse(json), remove: json is null));

        Assert.False(result.IsSuccess);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Parse_SeveralBrokenFields_ReportsEach()
    {
        var node = JsonNode.Parse(Fixture("metric-static-fired.json"))!;
        var essentials = node["data"]!["essentials"]!.AsObject();
        essentials.Remove("alertId");
        essentials.Remove("firedDateTime");
        node["data"]!["customProperties"] = "app=payments";

        var result = CommonAlertSchemaParser.Parse(node.ToJsonString());

        Assert.Equal(["data.essentials.alertId", "data.essentials.firedDateTime", "data.customProperties"], result.Errors.Select(e => e.Field));
        Assert.Contains("data.essentials.alertId: is missing", result.ErrorSummary);
    }

    [Fact]
    public void Parse_MalformedAlertContext_FallsBackToRuleDescription()
    {
        var node = JsonNode.Parse(Fixture("metric-static-fired.json"))!;
        node["data"]!["alertContext"]!["condition"]!["allOf"] = "not-an-array";

        var result = CommonAlertSchemaParser.Parse(node.ToJsonString());

        Assert.True(result.IsSuccess, result.ErrorSummary);
        Assert.Equal("More than 20 server errors in 5 minutes", result.Signal!.Description);
    }

    private static string Mutate(string fixture, string property, JsonNode? value, bool remove = false)
    {
        var node = JsonNode.Parse(Fixture(fixture))!;
        var essentials = node["data"]!["essentials"]!.AsObject();
        if (remove) essentials.Remove(property);
        else essentials[property] = value;
        return node.ToJsonString();
    }

    private static string Mutate(string fixture, string property, string value) => Mutate(fixture, property, JsonValue.Create(value));
}
