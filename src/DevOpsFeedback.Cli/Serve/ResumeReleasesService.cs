using DevOpsFeedback.Orchestration;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>On start, resumes every unfinished release from its log; on stop, lets the loops end.</summary>
public sealed partial class ResumeReleasesService(ReleaseDesk desk, InProcessReleaseRunner runner, ILogger<ResumeReleasesService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await desk.ResumeAsync(cancellationToken);
        var running = runner.Running;
        if (running.Length > 0 && logger.IsEnabled(LogLevel.Information))
        {
            var names = string.Join(", ", running);
            LogResumed(logger, running.Length, names);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await runner.WhenIdleAsync().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: loops end at their next wait; their logs hold everything to resume from.
        }
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "resumed {Count} unfinished release(s): {Releases}")]
    private static partial void LogResumed(ILogger logger, int count, string releases);
}
