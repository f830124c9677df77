using System.Collections.Immutable;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Simulation;

/// <summary>A commit graph in memory: answers "is production's commit contained in the candidate?" like a compare API.</summary>
public sealed class SimulatedSourceControl : ISourceControl
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ImmutableArray<string>> _parents = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds a commit with its parents (none for a root).</summary>
    public void Commit(string sha, params string[] parents)
    {
        lock (_gate) _parents[sha] = [.. parents];
    }

    public Task<AncestryResult> ContainsAsync(string app, string productionCommit, string candidateCommit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_parents.ContainsKey(candidateCommit)) return Task.FromResult(AncestryResult.Failed($"commit {candidateCommit} not found"));
            if (!_parents.ContainsKey(productionCommit)) return Task.FromResult(AncestryResult.Failed($"commit {productionCommit} not found"));
            if (string.Equals(productionCommit, candidateCommit, StringComparison.OrdinalIgnoreCase))
            {
                return Task.FromResult(new AncestryResult(true, "identical", []));
            }

            var inCandidate = Ancestors(candidateCommit);
            if (inCandidate.Contains(productionCommit)) return Task.FromResult(new AncestryResult(true, "ahead", []));
            var missing = Ancestors(productionCommit).Where(c => !inCandidate.Contains(c)).Order(StringComparer.Ordinal).ToImmutableArray();
            var status = Ancestors(productionCommit).Contains(candidateCommit) ? "behind" : "diverged";
            return Task.FromResult(new AncestryResult(false, status, missing));
        }
    }

    private HashSet<string> Ancestors(string sha)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>([sha]);
        while (stack.TryPop(out var c))
        {
            if (!seen.Add(c)) continue;
            foreach (var p in _parents.GetValueOrDefault(c, [])) stack.Push(p);
        }

        return seen;
    }
}
