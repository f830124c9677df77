namespace DevOpsFeedback.Feedback;

/// <summary>
/// Which version of an app production served when, from its deployments: a deployment serves from
/// <see cref="DeploymentRecord.DeployedAt"/>; a rolled-back one hands production back to the version before it at
/// <see cref="DeploymentRecord.RestoredAt"/>.
/// </summary>
public sealed class ProductionTimeline
{
    private readonly DateTimeOffset[] _starts;
    private readonly Segment[] _segments;

    public ProductionTimeline(IEnumerable<DeploymentRecord> deploymentsOfOneApp)
    {
        var segments = new List<Segment>();
        Segment? live = null;
        foreach (var d in deploymentsOfOneApp.OrderBy(d => d.DeployedAt).ThenBy(d => d.ReleaseId, StringComparer.Ordinal))
        {
            var previous = live;
            live = new Segment(d.DeployedAt, d.Version, d.ReleaseId, d);
            segments.Add(live);
            if (d.Outcome == DeploymentOutcome.RolledBack && d.RestoredAt is { } restored && restored >= d.DeployedAt && previous is not null)
            {
                live = previous with { Start = restored };
                segments.Add(live);
            }
        }

        segments.Sort((a, b) => a.Start.CompareTo(b.Start));
        _segments = [.. segments];
        _starts = [.. segments.Select(s => s.Start)];
    }

    /// <summary>A contiguous span in which production served <see cref="Version"/>.</summary>
    public sealed record Segment(DateTimeOffset Start, string Version, string ReleaseId, DeploymentRecord Deployment);

    public IReadOnlyList<Segment> Segments => _segments;

    /// <summary>The segment serving at <paramref name="at"/>, or null before the first deployment.</summary>
    public Segment? At(DateTimeOffset at)
    {
        var i = Array.BinarySearch(_starts, at);
        if (i < 0) i = ~i - 1;
        else while (i + 1 < _starts.Length && _starts[i + 1] == at) i++;
        return i < 0 ? null : _segments[i];
    }

    /// <summary>Time the version served production within [from, to).</summary>
    public TimeSpan Exposure(string version, DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i].Version != version) continue;
            var start = _segments[i].Start > from ? _segments[i].Start : from;
            var end = i + 1 < _segments.Length && _segments[i + 1].Start < to ? _segments[i + 1].Start : to;
            if (end > start) total += end - start;
        }

        return total;
    }
}
