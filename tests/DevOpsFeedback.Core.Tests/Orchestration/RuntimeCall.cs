using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

/// <summary>One awaited call of <see cref="ReleaseLoop"/> on its runtime, with its answer and the clock after it: a durable history entry.</summary>
internal abstract record RuntimeCall(DateTimeOffset After);

internal sealed record ActionCall(StepAction Action, StepResult Result, DateTimeOffset After) : RuntimeCall(After);

internal sealed record WaitCall(DateTimeOffset? Until, ReleaseSignal? Signal, DateTimeOffset After) : RuntimeCall(After);
