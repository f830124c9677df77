using System.Collections.Immutable;
using System.Text;
using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Notifications;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Simulation;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Api;

/// <summary>The notification hook of the release use cases: what the desk appends itself, and incidents after a release.</summary>
public sealed class ReleaseApiNotificationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private const string Site = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/contoso-web";

    private readonly InMemoryReleaseStore _store = new();
    private readonly InMemoryDocumentStore _documents = new();
    private readonly RecordingPublisher _published = new();
    private readonly StubAlertParser _alerts = new();

    [Fact]
    public async Task CreateRelease_New_PublishesTheQueuedEventOnce()
    {
        var api = Api();

        var first = await api.CreateReleaseAsync(Body("rel-1"), "https://dfb.contoso.test", CancellationToken.None);
        var repeat = await api.CreateReleaseAsync(Body("rel-1"), "https://dfb.contoso.test", CancellationToken.None);

        Assert.Equal((202, 200), (first.Status, repeat.Status));
        var (after, expectedVersion, events) = Assert.Single(_published.Recorded);
        Assert.Equal((0L, 1), (expectedVersion, after.Version));
        Assert.IsType<ReleaseRequested>(Assert.Single(events));
        Assert.Equal("rel-1", after.Request!.ReleaseId);
        Assert.Equal(NotificationKind.Queued, ReleaseNotifications.FromRecorded(after, expectedVersion, events, "https://dfb.contoso.test").Single().Kind);
    }

    [Fact]
    public async Task CreateRelease_BadRequest_PublishesNothing()
    {
        var result = await Api().CreateReleaseAsync(Encoding.UTF8.GetBytes("""{"app": "contoso-web"}"""), "https://dfb.contoso.test", CancellationToken.None);

        Assert.Equal(400, result.Status);
        Assert.Empty(_published.Recorded);
    }

    [Theory]
    [InlineData(MonitorCondition.Fired, "incident-recorded")]
    [InlineData(MonitorCondition.Resolved, "incident-recorded")]
    public async Task Alert_AfterTheRelease_PublishesTheIncidentWithTheAppsLastRelease(MonitorCondition condition, string handled)
    {
        var api = Api();
        await api.CreateReleaseAsync(Body("rel-1"), "https://dfb.contoso.test", CancellationToken.None);
        await _store.AppendAsync("rel-1", "contoso-web", 1, ReleaseJson.ToEnvelopes(1, [new ReleaseAborted(T0, "test ended it")]), "aborted", CancellationToken.None);
        _alerts.Next = new AlertSignal("alert-1", "5xx", "Sev1", [Site], T0, condition == MonitorCondition.Resolved ? T0.AddMinutes(9) : null, condition, "Metric", "5xx > 10");

        var result = await api.AlertAsync(Encoding.UTF8.GetBytes("{}"), CancellationToken.None);

        Assert.Equal(202, result.Status);
        var incident = Assert.Single(_published.Incidents);
        Assert.Equal(("contoso-web", "rel-1", handled), (incident.App, incident.ReleaseId, incident.Handled));
    }

    [Fact]
    public async Task Alert_Duplicate_PublishesTheIncidentOnce()
    {
        var api = Api();
        _alerts.Next = new AlertSignal("alert-1", "5xx", "Sev1", [Site], T0, null, MonitorCondition.Fired, "Metric", "5xx > 10");

        await api.AlertAsync(Encoding.UTF8.GetBytes("{}"), CancellationToken.None);
        var again = await api.AlertAsync(Encoding.UTF8.GetBytes("{}"), CancellationToken.None);

        Assert.Equal(202, again.Status);
        Assert.Equal((string?)null, Assert.Single(_published.Incidents).ReleaseId);
    }

    private ReleaseApi Api()
    {
        var slots = new SimulatedAppService(() => T0, seed: 1);
        slots.AddApp(SimulatedApp.Standard("contoso-web", "1.4.2", new string('1', 40), "1.5.0", new string('9', 40), requestsPerMinute: 60));
        var desk = new ReleaseDesk(_store, new AppQueue(_documents), slots, new IdleRunner()) { Notifications = _published };
        return new ReleaseApi(desk, _store, _documents, slots, _alerts, ReleaseApiOptions.Default, new FixedTime(T0), _published);
    }

    private static byte[] Body(string id) => Encoding.UTF8.GetBytes($$"""
        {"releaseId": "{{id}}", "app": "contoso-web", "candidateVersion": "1.5.0", "candidateCommit": "{{new string('9', 40)}}",
         "changeType": "standard", "requestedBy": "pipeline"}
        """);

    private sealed class RecordingPublisher : INotificationPublisher
    {
        public List<(ReleaseState After, long ExpectedVersion, IReadOnlyList<ReleaseEvent> Events)> Recorded { get; } = [];

        public List<(string App, string? ReleaseId, string Handled)> Incidents { get; } = [];

        public Task PublishRecordedAsync(ReleaseState after, long expectedVersion, IReadOnlyList<ReleaseEvent> events, CancellationToken cancellationToken)
        {
            Recorded.Add((after, expectedVersion, events));
            return Task.CompletedTask;
        }

        public Task PublishIncidentAsync(AlertSignal alert, string app, string? releaseId, string handled, CancellationToken cancellationToken)
        {
            Incidents.Add((app, releaseId, handled));
            return Task.CompletedTask;
        }
    }

    private sealed class StubAlertParser : IAlertParser
    {
        public AlertSignal? Next { get; set; }

        public AlertSignal? Parse(ReadOnlyMemory<byte> body, FieldErrors errors) => Next;
    }

    /// <summary>Runs no loops: the desk's own appends are what these tests look at.</summary>
    private sealed class IdleRunner : IReleaseRunner
    {
        public Task StartAsync(string releaseId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> SignalAsync(string releaseId, ReleaseSignal signal, CancellationToken cancellationToken) => Task.FromResult(false);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
