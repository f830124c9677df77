using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Backtest;

/// <summary>A recorded release already went out: its hotfix-regression audit is taken as passed ("contained").</summary>
public sealed class ContainedSourceControl : ISourceControl
{
    public Task<AncestryResult> ContainsAsync(string app, string productionCommit, string candidateCommit, CancellationToken cancellationToken) =>
        Task.FromResult(new AncestryResult(true, "ahead", []));
}
