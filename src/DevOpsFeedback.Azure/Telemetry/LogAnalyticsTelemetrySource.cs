using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>
/// Per-minute per-version frames (with latency histograms) from Application Insights' <c>AppRequests</c>,
/// through the Log Analytics query API (<c>POST /v1/workspaces/{id}/query</c>).
/// </summary>
public sealed class LogAnalyticsTelemetrySource : ITelemetrySource
{
    private const string Service = "Log Analytics";

    private readonly LogAnalyticsOptions _options;
    private readonly HttpPipeline _pipeline;

    /// <param name="transport">Only to point the client at a test transport; production uses Azure.Core's default.</param>
    public LogAnalyticsTelemetrySource(LogAnalyticsOptions options, TokenCredential credential, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid Log Analytics options: " + string.Join("; ", errors), nameof(options));
        _options = options;
        _pipeline = MonitorHttp.BuildPipeline(credential, options.Scope, options.MaxRetries, options.RetryDelay, options.NetworkTimeout, transport);
    }

    public async Task<TelemetryResult> QueryAsync(
        string app, IReadOnlyCollection<string> versions, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(versions);
        var roleName = _options.RoleNames.TryGetValue(app, out var mapped) ? mapped : app;
        var (query, errors) = LogAnalyticsQuery.Build(roleName, versions, from, to);
        if (query is null) return TelemetryResult.Failed("telemetry query not sent: " + string.Join("; ", errors));

        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(_options.Endpoint);
        request.Uri.AppendPath("/v1/workspaces/", escape: false);
        request.Uri.AppendPath(_options.WorkspaceId, escape: true);
        request.Uri.AppendPath("/query", escape: false);
        request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
        request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        request.Headers.Add("Prefer", "wait=" + ((int)_options.ServerTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new QueryBody(
            query,
            from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) + "/" + to.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))));

        var (response, failure) = await MonitorHttp.SendAsync(_pipeline, message, Service, cancellationToken);
        if (response is null) return TelemetryResult.Failed(failure!);
        return response.Status switch
        {
            200 => LogAnalyticsResponse.Parse(response.Content.ToMemory()),
            204 => TelemetryResult.Ok([]),
            _ => TelemetryResult.Failed(MonitorHttp.DescribeError(Service, response)),
        };
    }

    private sealed record QueryBody(
        [property: System.Text.Json.Serialization.JsonPropertyName("query")] string Query,
        [property: System.Text.Json.Serialization.JsonPropertyName("timespan")] string Timespan);
}
