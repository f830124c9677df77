using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using DevOpsFeedback.Azure.Loopback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>One minute of a slot resource's platform metrics held by the stand-in.</summary>
internal sealed record SlotMinute(long Requests, long Http5xx, double? ResponseTimeSeconds);

/// <summary>
/// A local stand-in for Azure Monitor metrics on ARM (<c>GET {resourceUri}/providers/Microsoft.Insights/metrics</c>):
/// validates api-version, metric names (≤ 20, from the App Service catalog), interval, aggregations and the metric
/// namespace of site vs slot; answers one <c>value[]</c> entry per metric in request order with a point per bucket;
/// buckets without samples carry no aggregation key; ARM error bodies.
/// </summary>
internal sealed class MetricsStandIn : IAsyncDisposable
{
    public const string SiteId = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-web/providers/Microsoft.Web/sites/contoso-web";

    private static readonly HashSet<string> Catalog = new(StringComparer.OrdinalIgnoreCase)
    {
        "Requests", "Http5xx", "Http4xx", "Http2xx", "HttpResponseTime", "AverageResponseTime", "HealthCheckStatus", "CpuTime",
    };

    private static readonly HashSet<string> Grains = ["PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT6H", "PT12H", "P1D", "FULL"];
    private static readonly HashSet<string> Aggregations = new(StringComparer.OrdinalIgnoreCase) { "Average", "Count", "Minimum", "Maximum", "Total" };

    private LoopbackServer _server = null!;

    /// <summary>Resource id (case-insensitive) → minute → data.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<DateTimeOffset, SlotMinute>> Data { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ScriptedResponses Script { get; } = new();

    public ConcurrentQueue<string> RequestedResources { get; } = new();

    /// <summary>When set, this metric answers with a per-metric error inside a 200.</summary>
    public string? FailingMetric { get; set; }

    public int RequestCount;

    public LoopbackServer Server => _server;

    public static async Task<MetricsStandIn> StartAsync()
    {
        var standIn = new MetricsStandIn();
        standIn._server = await LoopbackServer.StartAsync(app => app.MapGet("/subscriptions/{**rest}", standIn.HandleAsync));
        standIn.Data[SiteId] = new();
        standIn.Data[SiteId + "/slots/staging"] = new();
        return standIn;
    }

    public AzureMonitorMetricsOptions Options(Action<AzureMonitorMetricsOptions>? configure = null)
    {
        var options = new AzureMonitorMetricsOptions
        {
            Endpoint = _server.BaseUri,
            Sites = { ["contoso-web"] = SiteId },
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            NetworkTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    public void Set(string slot, DateTimeOffset minute, long requests, long http5xx, double? responseTimeSeconds) =>
        Data[slot == "production" ? SiteId : SiteId + "/slots/" + slot][minute] = new SlotMinute(requests, http5xx, responseTimeSeconds);

    private async Task HandleAsync(HttpContext context, string rest)
    {
        Interlocked.Increment(ref RequestCount);
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + StaticTokenCredential.Token)
        {
            await Error(context, 401, "InvalidAuthenticationToken", "The access token is invalid.");
            return;
        }

        if (await Script.TryAnswerAsync(context)) return;
        const string suffix = "/providers/Microsoft.Insights/metrics";
        var path = "/subscriptions/" + rest;
        if (!path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            await Error(context, 404, "NotFound", "No route for " + path);
            return;
        }

        var resource = path[..^suffix.Length];
        RequestedResources.Enqueue(resource);
        var query = context.Request.Query;
        if (query["api-version"] != "2024-02-01")
        {
            await Error(context, 400, "InvalidApiVersionParameter", $"The api-version '{query["api-version"]}' is invalid.");
            return;
        }

        if (!Data.TryGetValue(resource, out var minutes))
        {
            await Error(context, 404, "ResourceNotFound", $"The Resource '{resource}' was not found.");
            return;
        }

        var isSlot = resource.Contains("/slots/", StringComparison.OrdinalIgnoreCase);
        var expectedNamespace = isSlot ? "Microsoft.Web/sites/slots" : "Microsoft.Web/sites";
        if (query.ContainsKey("metricnamespace") && !string.Equals(query["metricnamespace"], expectedNamespace, StringComparison.OrdinalIgnoreCase))
        {
            await Error(context, 400, "BadRequest", $"Metric namespace '{query["metricnamespace"]}' is not valid for this resource.");
            return;
        }

        var names = query["metricnames"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length is 0 or > 20 || names.FirstOrDefault(n => !Catalog.Contains(n)) is { } unknown && unknown is not null)
        {
            await Error(context, 400, "BadRequest", $"Failed to find metric configuration for provider: Microsoft.Web, metric names: {query["metricnames"]}");
            return;
        }

        var interval = query["interval"].ToString();
        if (interval.Length == 0) interval = "PT1M";
        if (!Grains.Contains(interval) || (interval == "PT1M" && names.Contains("HealthCheckStatus", StringComparer.OrdinalIgnoreCase) && query["AutoAdjustTimegrain"] != "true"))
        {
            await Error(context, 400, "BadRequest", $"Invalid time grain {interval}.");
            return;
        }

        var aggregations = query["aggregation"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (aggregations.Any(a => !Aggregations.Contains(a)))
        {
            await Error(context, 400, "BadRequest", $"Invalid aggregation {query["aggregation"]}.");
            return;
        }

        var span = query["timespan"].ToString().Split('/');
        if (span.Length != 2 ||
            !DateTimeOffset.TryParse(span[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from) ||
            !DateTimeOffset.TryParse(span[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var to) || to <= from)
        {
            await Error(context, 400, "BadRequest", $"Invalid timespan {query["timespan"]}.");
            return;
        }

        var wantTotal = aggregations.Contains("Total", StringComparer.OrdinalIgnoreCase);
        var wantAverage = aggregations.Contains("Average", StringComparer.OrdinalIgnoreCase);
        var value = new JsonArray();
        foreach (var name in names)
        {
            var metric = new JsonObject
            {
                ["id"] = $"{resource}/providers/Microsoft.Insights/metrics/{name}",
                ["type"] = "Microsoft.Insights/metrics",
                ["name"] = new JsonObject { ["value"] = name, ["localizedValue"] = name },
                ["unit"] = name.Equals("HttpResponseTime", StringComparison.OrdinalIgnoreCase) ? "Seconds" : "Count",
            };
            if (string.Equals(name, FailingMetric, StringComparison.OrdinalIgnoreCase))
            {
                metric["errorCode"] = "InternalServerError";
                metric["errorMessage"] = "Metric data could not be retrieved";
                metric["timeseries"] = new JsonArray();
                value.Add(metric);
                continue;
            }

            metric["errorCode"] = "Success";
            var data = new JsonArray();
            for (var t = from; t < to; t = t.AddMinutes(1))
            {
                var point = new JsonObject { ["timeStamp"] = t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };
                if (minutes.TryGetValue(t, out var m))
                {
                    switch (name)
                    {
                        case "Requests":
                            if (wantTotal) point["total"] = m.Requests;
                            if (wantAverage) point["average"] = m.Requests;
                            break;
                        case "Http5xx":
                            if (wantTotal) point["total"] = m.Http5xx;
                            if (wantAverage) point["average"] = m.Http5xx;
                            break;
                        default:
                            if (m.ResponseTimeSeconds is { } seconds)
                            {
                                if (wantTotal) point["total"] = seconds * m.Requests;
                                if (wantAverage) point["average"] = seconds;
                            }

                            break;
                    }
                }

                data.Add(point);
            }

            metric["timeseries"] = new JsonArray(new JsonObject { ["metadatavalues"] = new JsonArray(), ["data"] = data });
            value.Add(metric);
        }

        var body = new JsonObject
        {
            ["cost"] = names.Length * (int)(to - from).TotalMinutes,
            ["timespan"] = query["timespan"].ToString(),
            ["interval"] = interval,
            ["namespace"] = expectedNamespace.ToLowerInvariant(),
            ["resourceregion"] = "westeurope",
            ["value"] = value,
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static async Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
