using System.Collections.Concurrent;
using DevOpsFeedback.Orchestration;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>Logs each release's status when it changes (the local host's "custom status").</summary>
public sealed partial class ReleaseStatusLog(ILogger<ReleaseStatusLog> logger)
{
    private readonly ConcurrentDictionary<string, string> _last = new(StringComparer.Ordinal);

    public void Publish(ReleaseStatusView status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var line = $"{status.Status}: {status.Step}";
        if (_last.TryGetValue(status.ReleaseId, out var previous) && previous == line) return;
        _last[status.ReleaseId] = line;
        LogStatus(logger, status.ReleaseId, status.App, status.Status, status.Step);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "release {ReleaseId} ({App}) {Status}: {Step}")]
    private static partial void LogStatus(ILogger logger, string releaseId, string app, string status, string step);
}
