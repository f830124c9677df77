using Azure;
using Azure.Core;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.AppService;

public sealed partial class AppServiceSlotController
{
    /// <inheritdoc />
    /// <remarks>
    /// GETs <c>{scheme}://{slot defaultHostName}{healthCheckPath}</c> (path "/" when none is configured) every
    /// <see cref="SmokeTestSpec.Interval"/> until <see cref="SmokeTestSpec.ConsecutiveHealthy"/> 2xx answers in a row,
    /// or the spec's timeout. A probe that fails to connect or times out counts as unhealthy.
    /// </remarks>
    public async Task<SmokeTestResult> SmokeTestAsync(string app, string slot, SmokeTestSpec spec, CancellationToken cancellationToken)
    {
        var site = _options.ResolveSite(app);
        ArgumentNullException.ThrowIfNull(spec);
        if (!SiteResourceId.IsValidSlotName(slot))
        {
            throw new ArgumentException($"slot must be 'production' or a slot name of letters, digits and hyphens (got '{slot}').", nameof(slot));
        }

        if (spec.ConsecutiveHealthy < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.ConsecutiveHealthy, "spec.ConsecutiveHealthy must be at least 1.");
        }

        if (spec.Timeout <= TimeSpan.Zero || spec.Interval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), $"spec.Timeout must be positive and spec.Interval not negative (got {spec.Timeout}, {spec.Interval}).");
        }

        var isProduction = string.Equals(slot, Production, StringComparison.OrdinalIgnoreCase);
        var read = await AtEdgeAsync(
            $"Reading slot '{slot}' of '{app}' for a smoke test",
            () => ReadSlotAsync(site, isProduction ? null : slot, cancellationToken, withSettings: false),
            cancellationToken);
        var path = read.State.HealthCheckPath ?? "/";
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || !Uri.TryCreate(path, UriKind.Relative, out _))
        {
            throw new AppServiceException(AppServiceErrorKind.Misconfigured, $"Slot '{slot}' of '{app}' has a health-check path '{path}' that is not a path.");
        }

        var target = new UriBuilder(_options.SmokeTestScheme, read.State.HostName, _options.SmokeTestPort ?? -1) { Path = path.Split('?')[0] };
        if (path.Contains('?', StringComparison.Ordinal))
        {
            target.Query = path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..];
        }

        return await ProbeAsync(target.Uri, read.State.HealthCheckPath is null, spec, cancellationToken);
    }

    private async Task<SmokeTestResult> ProbeAsync(Uri target, bool defaultPath, SmokeTestSpec spec, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + spec.Timeout;
        var note = defaultPath ? " (no health-check path configured; probed '/')" : "";
        var consecutive = 0;
        var attempts = 0;
        var last = "no answer";
        while (true)
        {
            attempts++;
            using var message = _probes.CreateMessage();
            message.Request.Method = RequestMethod.Get;
            message.Request.Uri.Reset(target);
            try
            {
                await _probes.SendAsync(message, cancellationToken);
                var status = message.Response.Status;
                last = $"HTTP {status}";
                consecutive = status is >= 200 and < 300 ? consecutive + 1 : 0;
            }
            catch (RequestFailedException exception) when (exception.Status == 0)
            {
                last = $"connection failed: {exception.Message}";
                consecutive = 0;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = $"no answer within {_options.SmokeTestProbeTimeout}";
                consecutive = 0;
            }

            if (consecutive >= spec.ConsecutiveHealthy)
            {
                return new SmokeTestResult(true, attempts, $"{consecutive} consecutive healthy answers from {target}{note}.");
            }

            if (_time.GetUtcNow() + spec.Interval >= deadline)
            {
                return new SmokeTestResult(
                    false,
                    attempts,
                    $"Timed out after {spec.Timeout} with {consecutive} of {spec.ConsecutiveHealthy} consecutive healthy answers from {target}; last: {last}{note}.");
            }

            await Task.Delay(spec.Interval, _time, cancellationToken);
        }
    }
}
