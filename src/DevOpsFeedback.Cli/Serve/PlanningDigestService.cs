using DevOpsFeedback.Api;
using DevOpsFeedback.Azure.Hosting;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// The weekly planning digest of <c>dfb serve</c> (<c>PlanningDigest__Interval</c>, 7 days by default): plans, saves
/// and publishes to the configured sink. Off, and says so once, when no sink is configured. A failed run is logged
/// as an error and the next one runs on schedule.
/// </summary>
public sealed partial class PlanningDigestService(PlanningDigest digest, PlanningDigestOptions options, TimeProvider time, ILogger<PlanningDigestService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!digest.IsEnabled)
        {
            LogOff(logger);
            return;
        }

        using var timer = new PeriodicTimer(options.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunOnceAsync(stoppingToken);
        }
    }

    /// <summary>One digest; a failure is logged (the host keeps serving) and returned as null.</summary>
    public async Task<DigestResult?> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await digest.RunAsync(cancellationToken);
            if (result is not null) LogDone(logger, digest.SinkName, result.Items, result.Created, result.Updated);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, digest.SinkName);
            return null;
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "planning digest off: no PlanningDigest:Sink configured")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "planning digest to {Sink}: {Items} items, {Created} created, {Updated} updated")]
    private static partial void LogDone(ILogger logger, string sink, int items, int created, int updated);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "planning digest to {Sink} failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string sink);
}
