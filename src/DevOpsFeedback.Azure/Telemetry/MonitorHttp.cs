using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>
/// The Azure.Core pipeline both telemetry clients share: bearer token for one scope, Azure.Core's retry
/// policy (429/5xx with <c>Retry-After</c>), a per-try network timeout; and the translation of every way a
/// call can fail into one sentence for <see cref="Ports.TelemetryResult.Failed"/>.
/// </summary>
internal static class MonitorHttp
{
    private sealed class MonitorClientOptions : ClientOptions;

    public static HttpPipeline BuildPipeline(
        TokenCredential credential, string scope, int maxRetries, TimeSpan retryDelay, TimeSpan networkTimeout, HttpPipelineTransport? transport)
    {
        var options = new MonitorClientOptions();
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = retryDelay;
        options.Retry.MaxDelay = TimeSpan.FromSeconds(Math.Max(retryDelay.TotalSeconds, 60));
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.NetworkTimeout = networkTimeout;
        if (transport is not null) options.Transport = transport;
        return HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, scope));
    }

    /// <summary>Sends; returns the response, or why there is none (never throws for service or network failures).</summary>
    public static async Task<(Response? Response, string? Failure)> SendAsync(
        HttpPipeline pipeline, HttpMessage message, string service, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.SendAsync(message, cancellationToken);
            return (message.Response, null);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{service} did not answer in time: {ex.Message}");
        }
        catch (AuthenticationFailedException ex)
        {
            return (null, $"{service}: could not get a token: {ex.Message}");
        }
        catch (RequestFailedException ex)
        {
            return (null, $"{service} could not be reached: {ex.Message}");
        }
    }

    /// <summary>"{service} answered 429 TooManyRequests: message (retry after 30 s)" from an error response.</summary>
    public static string DescribeError(string service, Response response)
    {
        var code = "";
        var text = "";
        try
        {
            if (response.Content.ToMemory().Length > 0)
            {
                using var document = JsonDocument.Parse(response.Content.ToMemory());
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
                    text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
                    if (error.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object &&
                        inner.TryGetProperty("code", out var ic) && ic.ValueKind == JsonValueKind.String)
                        code += "/" + ic.GetString();
                }
            }
        }
        catch (JsonException)
        {
            text = "(error body is not JSON)";
        }

        var what = response.Status switch
        {
            401 => "not authenticated",
            403 => "access denied",
            404 => "not found",
            429 => "throttled",
            504 => "query timed out",
            >= 500 => "server error",
            _ => "request rejected",
        };
        var retry = response.Headers.TryGetValue("Retry-After", out var after) ? $" (retry after {after})" : "";
        var detail = string.Join(": ", new[] { code, text }.Where(s => s.Length > 0));
        return $"{service} answered {response.Status} ({what}){(detail.Length > 0 ? " " + detail : "")}{retry}";
    }
}
