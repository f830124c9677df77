using System.Collections.Immutable;

namespace DevOpsFeedback.Releases;

/// <summary>Traffic steps to the staging slot before the swap, each judged for <see cref="StepMinutes"/>.</summary>
public sealed record CanaryPlan(ImmutableArray<int> Steps, int StepMinutes)
{
    public bool Equals(CanaryPlan? other) => other is not null && StepMinutes == other.StepMinutes && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(StepMinutes, Steps.Length);
}
