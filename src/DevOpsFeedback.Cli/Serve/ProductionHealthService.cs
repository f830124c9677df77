using DevOpsFeedback.Api;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// Between releases, smoke-tests each app's production slot on a schedule (every 5 minutes by default).
/// An unhealthy production, or one that could not be checked (the target did not answer), is logged as a warning.
/// </summary>
public sealed partial class ProductionHealthService(
    ServeSettings settings, ISlotController slots, ServeTargetApps apps, ReleaseDesk desk, InProcessReleaseRunner runner, TimeProvider time, ILogger<ProductionHealthService> logger) : BackgroundService
{
    public DateTimeOffset? LastRun { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.HealthInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await CheckOnceAsync(stoppingToken);
        }
    }

    public async Task CheckOnceAsync(CancellationToken cancellationToken)
    {
        var busy = runner.Running.ToHashSet(StringComparer.Ordinal);
        foreach (var app in apps.Names)
        {
            var releases = await desk.Store.ListByAppAsync(app, cancellationToken);
            if (releases.Any(r => !r.IsTerminal && busy.Contains(r.ReleaseId))) continue; // a release's own bake watches it
            SmokeTestResult result;
            try
            {
                result = await slots.SmokeTestAsync(app, "production", SmokeTestSpec.Default, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // An Azure target can fail to answer (ARM throttled or down): logged, never read as healthy, and the schedule goes on.
                LogNotChecked(logger, app, ex);
                continue;
            }

            if (result.Healthy) LogHealthy(logger, app, result.Detail);
            else LogUnhealthy(logger, app, result.Detail);
        }

        LastRun = time.GetUtcNow();
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "production of {App} healthy: {Detail}")]
    private static partial void LogHealthy(ILogger logger, string app, string detail);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "production of {App} UNHEALTHY: {Detail}")]
    private static partial void LogUnhealthy(ILogger logger, string app, string detail);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "production of {App} could not be checked")]
    private static partial void LogNotChecked(ILogger logger, string app, Exception exception);
}
