using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Notifications;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Api;

public sealed record ReleaseAccepted(string ReleaseId, string Status, string StatusUrl);

public sealed record EventView(DateTimeOffset At, string Type, string Text, System.Text.Json.JsonElement Data);

public sealed record VerdictView(DateTimeOffset At, string Stage, int Look, string Phase, string Reason, ImmutableArray<MetricResult> Metrics);

/// <summary>One attempt to deliver a notification about the release to one sink (the sink's name, never its URL).</summary>
public sealed record DeliveryView(
    string NotificationId, string Kind, string Sink, int Attempt, DateTimeOffset At, bool Succeeded, int? StatusCode, string? Error, DateTimeOffset? NextAttemptAt)
{
    public static DeliveryView From(DeliveryAttempt a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.NotificationId, NotificationKinds.Name(a.Kind), a.Sink, a.Attempt, a.At, a.Succeeded, a.StatusCode, a.Error, a.NextAttemptAt);
    }
}

/// <param name="Deliveries">Every attempt to deliver a notification about the release, in event order.</param>
public sealed record ReleaseView(
    string ReleaseId, string App, string Status, string Step, string CandidateVersion, string? BaselineVersion,
    ImmutableArray<VerdictView> Verdicts, ImmutableArray<EventView> Events, string? Outcome, string? Reason, ImmutableArray<DeliveryView> Deliveries)
{
    public static ReleaseView From(ReleaseState state, ReleaseLog log, DateTimeOffset now, IEnumerable<DeliveryAttempt>? deliveries = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(log);
        var r = state.Request!;
        var events = log.Events.Select(e =>
        {
            var ev = ReleaseJson.FromEnvelope(e);
            using var doc = System.Text.Json.JsonDocument.Parse(e.Data);
            return new EventView(e.At, e.Type, ReleaseEventText.Describe(ev), doc.RootElement.Clone());
        }).ToImmutableArray();
        var verdicts = state.Verdicts.Select(v => new VerdictView(v.At, v.Stage, v.Look, v.Verdict.Phase.ToString(), v.Verdict.Reason, v.Verdict.Metrics)).ToImmutableArray();
        var reason = state.OutcomeReason ?? state.HoldReason ?? state.Rollback?.Reason;
        return new ReleaseView(r.ReleaseId, r.App, state.Status, ReleaseLoop.Describe(ReleaseDecider.NextStep(state, now)), r.CandidateVersion,
            state.BaselineVersion, verdicts, events, state.Outcome is { } o ? ReleaseNames.Of(o) : null, reason,
            [.. (deliveries ?? []).Select(DeliveryView.From)]);
    }
}

public sealed record SlotView(string Version, string? Commit, string State, string HostName);

public sealed record QueuedView(string ReleaseId, string CandidateVersion, string Status);

public sealed record RedButtonView(bool Available, string Reason, string? ReleaseId);

public sealed record AppView(string App, SlotView Production, SlotView Staging, QueuedView? Active, ImmutableArray<QueuedView> Queued, RedButtonView RedButton)
{
    public static SlotView Slot(SlotState s) => new(s.Version ?? "unknown", s.Commit, s.State, s.HostName);
}

public sealed record AlertHandled(string AlertId, string MonitorCondition, string Handled);
