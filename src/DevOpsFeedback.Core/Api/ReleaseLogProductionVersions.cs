using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Api;

/// <summary>
/// Which version an app's production ran at a time, from the release logs: the latest successful swap
/// (<see cref="SlotsSwapped"/>) or swap-back (<see cref="SlotsSwappedBack"/>) at or before that time, whose event
/// records the version production served afterwards. Unknown (null) before the first recorded swap.
/// </summary>
public sealed class ReleaseLogProductionVersions(IReleaseStore store)
{
    public async Task<string?> VersionAtAsync(string app, DateTimeOffset at, CancellationToken cancellationToken)
    {
        (DateTimeOffset At, string Version)? latest = null;
        // A release last updated before the best change found cannot hold a later one: newest first, stop early.
        foreach (var entry in (await store.ListByAppAsync(app, cancellationToken)).OrderByDescending(e => e.UpdatedAt))
        {
            if (latest is { } best && entry.UpdatedAt < best.At) break;
            if (entry.CreatedAt > at) continue;
            var log = await store.ReadAsync(entry.ReleaseId, cancellationToken);
            foreach (var envelope in log.Events)
            {
                if (envelope.At > at || envelope.Type is not (nameof(SlotsSwapped) or nameof(SlotsSwappedBack))) continue;
                var change = ReleaseJson.FromEnvelope(envelope) switch
                {
                    SlotsSwapped { Swapped: true } s when s.ProductionVersion.Length > 0 => (s.At, s.ProductionVersion),
                    SlotsSwappedBack { Swapped: true } b when b.ProductionVersion.Length > 0 => (b.At, b.ProductionVersion),
                    _ => ((DateTimeOffset, string)?)null,
                };
                if (change is { } c && (latest is null || c.Item1 >= latest.Value.At)) latest = c;
            }
        }

        return latest?.Version;
    }
}
