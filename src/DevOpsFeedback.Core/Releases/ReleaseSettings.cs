using System.Collections.Immutable;
using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Releases;

/// <summary>
/// The configuration a release runs under, resolved when it is requested and recorded in its first event,
/// so that the log alone replays the same decisions even if configuration changes later.
/// </summary>
/// <param name="Calendar">The app's change windows.</param>
/// <param name="Bake">Bake and decision limits.</param>
/// <param name="EnvironmentBoundSettings">App setting names that must be sticky and differ between slots (connection strings always are).</param>
/// <param name="SmokeTest">How to smoke-test the staging slot and, after a rollback, production.</param>
/// <param name="ApprovalTimeout">How long an approval (or an audit override) may take before the release ends.</param>
/// <param name="StagingSlot">Name of the staging slot.</param>
public sealed record ReleaseSettings(
    ChangeCalendar Calendar,
    BakePolicy Bake,
    ImmutableSortedSet<string> EnvironmentBoundSettings,
    SmokeTestSpec SmokeTest,
    TimeSpan ApprovalTimeout,
    string StagingSlot)
{
    public static readonly ReleaseSettings Default = new(
        ChangeCalendar.AlwaysOpen, BakePolicy.Default, [], SmokeTestSpec.Default, TimeSpan.FromHours(24), "staging");

    public bool Equals(ReleaseSettings? other) =>
        other is not null && Calendar.Equals(other.Calendar) && Bake == other.Bake &&
        EnvironmentBoundSettings.SetEquals(other.EnvironmentBoundSettings) && SmokeTest == other.SmokeTest &&
        ApprovalTimeout == other.ApprovalTimeout && StagingSlot == other.StagingSlot;

    public override int GetHashCode() => HashCode.Combine(Bake, ApprovalTimeout, StagingSlot);
}
