using DevOpsFeedback.Api;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Simulation;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// Between releases, smoke-tests each app's production slot on a schedule (every 5 minutes by default).
/// An unhealthy production is logged as a warning; the result of every check is kept for <c>GET /api/apps</c> readers.
/// </summary>
public sealed partial class ProductionHealthService(
    ServeSettings settings, ISlotController slots, SimulatedTargetParts target, ReleaseDesk desk, InProcessReleaseRunner runner, TimeProvider time, ILogger<ProductionHealthService> logger) : BackgroundService
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
        foreach (var app in target.AppService.Apps)
        {
            var releases = await desk.Store.ListByAppAsync(app, cancellationToken);
            if (releases.Any(r => !r.IsTerminal && busy.Contains(r.ReleaseId))) continue; // a release's own bake watches it
            var result = await slots.SmokeTestAsync(app, "production", SmokeTestSpec.Default, cancellationToken);
            if (result.Healthy) LogHealthy(logger, app, result.Detail);
            else LogUnhealthy(logger, app, result.Detail);
        }

        LastRun = time.GetUtcNow();
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "production of {App} healthy: {Detail}")]
    private static partial void LogHealthy(ILogger logger, string app, string detail);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "production of {App} UNHEALTHY: {Detail}")]
    private static partial void LogUnhealthy(ILogger logger, string app, string detail);
}
