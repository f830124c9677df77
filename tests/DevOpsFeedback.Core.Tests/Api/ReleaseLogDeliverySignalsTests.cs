using System.Text.Json.Nodes;
using DevOpsFeedback.Feedback;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Storage;
using static DevOpsFeedback.Releases.Story;

namespace DevOpsFeedback.Api;

public sealed class ReleaseLogDeliverySignalsTests
{
    private static readonly DateTimeOffset CommittedAt = T0.AddDays(-3).AddHours(-5);

    private static async Task<DeploymentRecord> DeploymentAsync(IReadOnlyList<EventEnvelope> log)
    {
        var store = new InMemoryReleaseStore();
        await store.AppendAsync("r1", App, 0, log, "succeeded", CancellationToken.None);
        var signals = new ReleaseLogDeliverySignals(store, new InMemoryDocumentStore());

        var deployments = await signals.GetDeploymentsAsync(App, T0.AddDays(-1), T0.AddDays(1), CancellationToken.None);

        return Assert.Single(deployments);
    }

    private static ReleaseEvent[] SucceededWithCommitTime(DateTimeOffset? committedAt) =>
        [.. Succeeded().Select(e => e is AuditPassed a ? a with { CandidateCommittedAt = committedAt } : e)];

    [Fact]
    public async Task GetDeploymentsAsync_CommitTimeKnown_LeadTimeStartsAtTheCommit()
    {
        var deployment = await DeploymentAsync(ReleaseJson.ToEnvelopes(0, SucceededWithCommitTime(CommittedAt)));

        Assert.Equal((CommittedAt, T0, DeploymentOutcome.Succeeded), (deployment.CommitAt, deployment.DeployedAt, deployment.Outcome));
    }

    [Fact]
    public async Task GetDeploymentsAsync_CommitTimeUnknown_FallsBackToRequestTime()
    {
        var requestedAt = T0.AddMinutes(-45);
        ReleaseEvent[] events = [.. SucceededWithCommitTime(null).Select(e => e is ReleaseRequested r ? r with { At = requestedAt } : e)];

        var deployment = await DeploymentAsync(ReleaseJson.ToEnvelopes(0, events));

        Assert.Equal(requestedAt, deployment.CommitAt);
    }

    [Fact]
    public async Task GetDeploymentsAsync_OldLogWithoutCommitTimeField_StillReadsAndFallsBackToRequestTime()
    {
        var log = ReleaseJson.ToEnvelopes(0, SucceededWithCommitTime(CommittedAt))
            .Select(envelope =>
            {
                if (envelope.Type != nameof(AuditPassed)) return envelope;
                var json = JsonNode.Parse(envelope.Data)!.AsObject();
                Assert.True(json.Remove("candidateCommittedAt"), "the field this test removes is written as 'candidateCommittedAt'");
                return envelope with { Data = json.ToJsonString() };
            })
            .ToList();

        var deployment = await DeploymentAsync(log);

        Assert.Equal(T0, deployment.CommitAt);
    }
}
