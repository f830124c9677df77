using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.ChangeControl;

/// <summary>Whether the red button (swap back to the previous version) can be pressed, and why not.</summary>
public sealed record RedButtonStatus(bool Available, string Reason);

/// <summary>
/// The red button after a release: swap back only if staging still holds the version production ran before,
/// production still runs this release's candidate, and no database change that a swap cannot undo went out.
/// </summary>
public static class RedButton
{
    public static RedButtonStatus Evaluate(ReleaseState release, SlotsSnapshot now)
    {
        if (release.Request is not { } r) return new(false, "no release to back out");
        if (release.Outcome != ReleaseOutcome.Succeeded) return new(false, $"release {r.ReleaseId} is {release.Status}: only a succeeded release can be backed out");
        if (r.DatabaseChange is DatabaseChange.Breaking or DatabaseChange.Contract)
        {
            return new(false, $"release {r.ReleaseId} made a {r.DatabaseChange.ToString().ToLowerInvariant()} database change that a swap cannot undo");
        }

        if (now.Production.Version != r.CandidateVersion)
        {
            return new(false, $"production runs {now.Production.Version ?? "an unknown version"}, not {r.CandidateVersion}: a later change went out since");
        }

        if (release.BaselineVersion is null || now.Staging.Version != release.BaselineVersion)
        {
            return new(false, $"staging runs {now.Staging.Version ?? "an unknown version"}, no longer the previous production version {release.BaselineVersion}: it was overwritten");
        }

        return new(true, $"swap back to {release.BaselineVersion}, which staging still holds");
    }
}
