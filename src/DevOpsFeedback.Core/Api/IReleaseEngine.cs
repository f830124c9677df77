using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Api;

/// <summary>
/// Where releases run: <see cref="ReleaseDesk"/> in <c>dfb serve</c>, Durable Functions in Azure.
/// The HTTP use cases talk only to this, so both hosts answer alike.
/// </summary>
public interface IReleaseEngine
{
    Task<SubmitResult> SubmitAsync(ReleaseRequest request, ReleaseSettings settings, DateTimeOffset now, CancellationToken cancellationToken);

    Task<SignalResult> SignalAsync(string releaseId, ReleaseSignal signal, DateTimeOffset now, CancellationToken cancellationToken);

    Task<(bool Started, string Reason, string? ReleaseId)> BackoutAsync(string app, string requestedBy, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    Task<(ReleaseState? Last, RedButtonStatus Status)> RedButtonAsync(string app, CancellationToken cancellationToken);
}

/// <summary>Reads Azure Monitor's common alert schema (an adapter in DevOpsFeedback.Azure).</summary>
public interface IAlertParser
{
    Ports.AlertSignal? Parse(ReadOnlyMemory<byte> body, FieldErrors errors);
}
