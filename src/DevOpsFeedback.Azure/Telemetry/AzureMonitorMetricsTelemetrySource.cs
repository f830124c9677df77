using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>
/// A second telemetry source: App Service platform metrics (<c>Requests</c>, <c>Http5xx</c>, <c>HttpResponseTime</c>
/// at PT1M) per slot resource, labelled with the version each slot ran (from <see cref="ISlotVersionResolver"/>).
/// Frames carry no latency histogram; the mean response time is in <see cref="QuerySlotMetricsAsync"/>.
/// </summary>
public sealed class AzureMonitorMetricsTelemetrySource : ITelemetrySource
{
    private const string Service = "Azure Monitor metrics";
    internal const string RequestsMetric = "Requests";
    internal const string Http5xxMetric = "Http5xx";
    internal const string ResponseTimeMetric = "HttpResponseTime";
    private static readonly string[] Metrics = [RequestsMetric, Http5xxMetric, ResponseTimeMetric];

    private readonly AzureMonitorMetricsOptions _options;
    private readonly ISlotVersionResolver _resolver;
    private readonly HttpPipeline _pipeline;

    /// <param name="transport">Only to point the client at a test transport; production uses Azure.Core's default.</param>
    public AzureMonitorMetricsTelemetrySource(
        AzureMonitorMetricsOptions options, TokenCredential credential, ISlotVersionResolver resolver, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(resolver);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid metrics options: " + string.Join("; ", errors), nameof(options));
        _options = options;
        _resolver = resolver;
        _pipeline = MonitorHttp.BuildPipeline(credential, options.Scope, options.MaxRetries, options.RetryDelay, options.NetworkTimeout, transport);
    }

    public async Task<TelemetryResult> QueryAsync(
        string app, IReadOnlyCollection<string> versions, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var result = await QuerySlotMetricsAsync(app, versions, from, to, cancellationToken);
        if (!result.IsSuccess) return TelemetryResult.Failed(result.Error!);
        return TelemetryResult.Ok(result.Samples
            .GroupBy(s => (s.Time, s.Version))
            .OrderBy(g => g.Key.Time).ThenBy(g => g.Key.Version, StringComparer.Ordinal)
            .Select(g => new TelemetryFrame(g.Key.Time, g.Key.Version, g.Sum(s => s.Requests), g.Sum(s => s.Http5xx))));
    }

    /// <summary>Per-slot per-minute samples for the slots that ran one of <paramref name="versions"/> in [from, to).</summary>
    public async Task<SlotMetricsResult> QuerySlotMetricsAsync(
        string app, IReadOnlyCollection<string> versions, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(versions);
        if (!_options.Sites.TryGetValue(app, out var siteId))
            return SlotMetricsResult.Failed($"app '{app}' has no {AzureMonitorMetricsOptions.SectionName}:Sites entry");
        if (versions.Count == 0) return SlotMetricsResult.Failed("versions is empty");
        if (to <= from) return SlotMetricsResult.Failed("to must be after from");

        var wanted = versions.ToHashSet(StringComparer.Ordinal);
        var spans = (await _resolver.ResolveAsync(app, from, to, cancellationToken))
            .Where(s => wanted.Contains(s.Version) && s.From < to && (s.Until is null || s.Until > from))
            .ToImmutableArray();
        foreach (var span in spans)
            if (!AzureMonitorMetricsOptions.SlotName().IsMatch(span.Slot))
                return SlotMetricsResult.Failed($"slot name '{span.Slot}' from the version resolver is not a valid slot name");

        var samples = ImmutableArray.CreateBuilder<SlotMetricsSample>();
        foreach (var slot in spans.Select(s => s.Slot).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var (points, error) = await ReadSlotAsync(siteId, slot, from, to, cancellationToken);
            if (error is not null) return SlotMetricsResult.Failed($"slot '{slot}': {error}");
            foreach (var (time, point) in points.OrderBy(p => p.Key))
            {
                if (time < from || time >= to || point.Requests is not { } requests) continue;
                var span = spans.FirstOrDefault(s => string.Equals(s.Slot, slot, StringComparison.OrdinalIgnoreCase) && s.Covers(time));
                if (span is null) continue;
                // Http5xx is a Count metric: a bucket without samples had no 5xx (an Average would be "no data").
                samples.Add(new SlotMetricsSample(time, slot, span.Version, requests, point.Http5xx ?? 0, point.AverageSeconds * 1000));
            }
        }

        return new SlotMetricsResult(samples.ToImmutable(), null);
    }

    private async Task<(Dictionary<DateTimeOffset, MinutePoint> Points, string? Error)> ReadSlotAsync(
        string siteId, string slot, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var production = string.Equals(slot, "production", StringComparison.OrdinalIgnoreCase);
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Get;
        request.Uri.Reset(_options.Endpoint);
        request.Uri.AppendPath(siteId, escape: false);
        if (!production)
        {
            request.Uri.AppendPath("/slots/", escape: false);
            request.Uri.AppendPath(slot, escape: true);
        }

        request.Uri.AppendPath("/providers/Microsoft.Insights/metrics", escape: false);
        request.Uri.AppendQuery("api-version", _options.ApiVersion, escapeValue: true);
        request.Uri.AppendQuery("metricnames", string.Join(',', Metrics), escapeValue: true);
        request.Uri.AppendQuery("timespan", Iso(from) + "/" + Iso(to), escapeValue: true);
        request.Uri.AppendQuery("interval", "PT1M", escapeValue: true);
        request.Uri.AppendQuery("aggregation", "Total,Average", escapeValue: true);
        request.Uri.AppendQuery("metricnamespace", production ? "Microsoft.Web/sites" : "Microsoft.Web/sites/slots", escapeValue: true);
        request.Headers.Add(HttpHeader.Names.Accept, "application/json");

        var (response, failure) = await MonitorHttp.SendAsync(_pipeline, message, Service, cancellationToken);
        if (response is null) return ([], failure);
        if (response.Status != 200) return ([], MonitorHttp.DescribeError(Service, response));
        try
        {
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            return ParseMetrics(document.RootElement);
        }
        catch (JsonException ex)
        {
            return ([], $"{Service} answered with a body that is not JSON: {ex.Message}");
        }
    }

    internal static (Dictionary<DateTimeOffset, MinutePoint> Points, string? Error) ParseMetrics(JsonElement root)
    {
        static (Dictionary<DateTimeOffset, MinutePoint>, string?) Malformed(string why) => ([], $"{Service} answered with a malformed result: {why}");

        if (root.ValueKind != JsonValueKind.Object) return Malformed("the body is not a JSON object");
        if (root.TryGetProperty("interval", out var interval) && interval.ValueKind == JsonValueKind.String && interval.GetString() != "PT1M")
            return Malformed($"interval is '{interval.GetString()}', expected PT1M");
        if (!root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
            return Malformed("'value' is missing or not an array");

        var points = new Dictionary<DateTimeOffset, MinutePoint>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var metricIndex = 0;
        foreach (var metric in value.EnumerateArray())
        {
            var where = $"value[{metricIndex++}]";
            if (metric.ValueKind != JsonValueKind.Object) return Malformed($"{where} is not an object");
            if (!metric.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.Object ||
                !name.TryGetProperty("value", out var nameValue) || nameValue.ValueKind != JsonValueKind.String)
                return Malformed($"{where}.name.value is missing");
            var metricName = nameValue.GetString()!;
            if (metric.TryGetProperty("errorCode", out var errorCode) && errorCode.ValueKind == JsonValueKind.String &&
                !string.Equals(errorCode.GetString(), "Success", StringComparison.OrdinalIgnoreCase))
            {
                var errorMessage = metric.TryGetProperty("errorMessage", out var m) && m.ValueKind == JsonValueKind.String ? ": " + m.GetString() : "";
                return ([], $"{Service} could not read {metricName} ({errorCode.GetString()}{errorMessage})");
            }

            if (!Metrics.Contains(metricName, StringComparer.OrdinalIgnoreCase)) continue;
            seen.Add(metricName);
            if (!metric.TryGetProperty("timeseries", out var series) || series.ValueKind != JsonValueKind.Array)
                return Malformed($"{where}.timeseries is missing or not an array");
            var seriesIndex = 0;
            foreach (var timeseries in series.EnumerateArray())
            {
                if (timeseries.ValueKind != JsonValueKind.Object || !timeseries.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                    return Malformed($"{where}.timeseries[{seriesIndex}].data is missing or not an array");
                var dataIndex = 0;
                foreach (var point in data.EnumerateArray())
                {
                    var at = $"{where}.timeseries[{seriesIndex}].data[{dataIndex++}]";
                    if (point.ValueKind != JsonValueKind.Object || !point.TryGetProperty("timeStamp", out var stamp) ||
                        stamp.ValueKind != JsonValueKind.String ||
                        !DateTimeOffset.TryParse(stamp.GetString(), CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                        return Malformed($"{at}.timeStamp is missing or not a date");
                    if (!TryNumber(point, "total", out var total) || !TryNumber(point, "average", out var average))
                        return Malformed($"{at}: total/average is not a number");
                    points.TryGetValue(time, out var current);
                    current ??= new MinutePoint(null, null, null, 0);
                    points[time] = Combine(current, metricName, total, average);
                }

                seriesIndex++;
            }
        }

        foreach (var required in Metrics)
            if (!seen.Contains(required)) return Malformed($"metric {required} is missing from 'value'");
        return (points, null);
    }

    private static MinutePoint Combine(MinutePoint current, string metric, double? total, double? average)
    {
        static long? Add(long? a, double? b) => b is null ? a : (a ?? 0) + (long)Math.Round(b.Value);
        if (string.Equals(metric, RequestsMetric, StringComparison.OrdinalIgnoreCase))
            return current with { Requests = Add(current.Requests, total) };
        if (string.Equals(metric, Http5xxMetric, StringComparison.OrdinalIgnoreCase))
            return current with { Http5xx = Add(current.Http5xx, total) };
        if (average is null) return current;
        // Several series (split by instance) average their averages: the platform gives no weights.
        var n = current.AverageSeries + 1;
        var mean = ((current.AverageSeconds ?? 0) * current.AverageSeries + average.Value) / n;
        return current with { AverageSeconds = mean, AverageSeries = n };
    }

    private static bool TryNumber(JsonElement point, string name, out double? value)
    {
        value = null;
        if (!point.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return true;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || number < 0) return false;
        value = number;
        return true;
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>One minute of one slot: totals and mean response time in seconds, null where the bucket had no samples.</summary>
    internal sealed record MinutePoint(long? Requests, long? Http5xx, double? AverageSeconds, int AverageSeries);
}
