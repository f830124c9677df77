using DevOpsFeedback.ChangeControl;
using FsCheck;
using FsCheck.Fluent;

namespace DevOpsFeedback.Releases;

/// <summary>
/// Invariants of the decider over random releases: random change and database kinds, start times that meet
/// change windows, and random results, failures, signals and delays (see <see cref="ChaosDriver"/>).
/// </summary>
public sealed partial class ReleasePropertiesTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static readonly Arbitrary<ChaosScript> Scripts = Arb.From(
        from type in Gen.Elements(ChangeType.Standard, ChangeType.Normal, ChangeType.Emergency)
        from db in Gen.Elements(DatabaseChange.None, DatabaseChange.Expand, DatabaseChange.Contract, DatabaseChange.Breaking)
        from canary in Gen.Elements(false, true)
        from day in Gen.Choose(0, 6)
        from minute in Gen.Choose(0, 300)
        from choices in Gen.Choose(0, 1_000_000).ArrayOf()
        select new ChaosScript(type, db, canary, day, minute, choices));

    private static void ForAllReleases(Action<ChaosDriver> property) =>
        Check.One(Config, Prop.ForAll(Scripts, script => property(new ChaosDriver(script).Run())));

    [Fact]
    public void Never_two_swaps_without_a_verdict_between_them()
    {
        ForAllReleases(run =>
        {
            for (var i = 1; i < run.Swaps.Count; i++)
            {
                var between = run.Events.Skip(run.Swaps[i - 1].EventsBefore).Take(run.Swaps[i].EventsBefore - run.Swaps[i - 1].EventsBefore);
                Assert.True(between.Any(e => e is VerdictRecorded or RollbackStarted), $"swaps at {run.Swaps[i - 1].At} and {run.Swaps[i].At} with no verdict between");
            }

            Assert.True(run.Swaps.Count(s => s.ToProduction == Story.Candidate) <= 1, "the candidate was swapped in twice");
        });
    }

    [Fact]
    public void After_a_rollback_production_runs_the_baseline_with_no_canary_traffic()
    {
        ForAllReleases(run =>
        {
            if (run.State.Outcome != ReleaseOutcome.RolledBack) return;
            Assert.Equal(Story.Baseline, run.Production);
            Assert.Equal(0, run.CanaryPercent);
        });
    }

    [Fact]
    public void No_non_emergency_swap_or_canary_step_inside_a_freeze()
    {
        ForAllReleases(run =>
        {
            foreach (var (at, action) in run.Actions.Where(a => a.Action is SwapSlots or SetCanaryTraffic { Percent: > 0 }))
            {
                if (!ChaosDriver.Calendar.IsFrozen(at)) continue;
                Assert.Equal(ChangeType.Emergency, run.Request.ChangeType);
                Assert.Contains(run.Events, e => e is ChangeWindowBypassed);
            }
        });
    }

    [Fact]
    public void Success_needs_a_passing_verdict_or_a_person_other_than_the_requester()
    {
        ForAllReleases(run =>
        {
            Assert.DoesNotContain(run.Events, e => e is ReleaseApproved a && string.Equals(a.By, Story.Requester, StringComparison.OrdinalIgnoreCase));
            for (var i = 0; i < run.Events.Count; i++)
            {
                if (run.Events[i] is not ReleaseSucceeded) continue;
                Assert.True(run.Events[i - 1] is VerdictRecorded { Verdict.Phase: Analysis.VerdictPhase.Pass } or ReleaseApproved, $"success after {run.Events[i - 1].GetType().Name}");
            }

            if (run.Request.NeedsApproval && run.Actions.Any(a => a.Action is SwapSlots or SetCanaryTraffic { Percent: > 0 }))
            {
                Assert.Contains(run.Events, e => e is ReleaseApproved);
            }
        });
    }

    [Fact]
    public void The_log_folds_back_to_the_state_and_the_run_ends_or_waits_for_people()
    {
        ForAllReleases(run =>
        {
            var folded = ReleaseDecider.Fold(run.Events);
            Assert.Equal((run.State.Version, run.State.Status, run.State.Outcome, run.State.OutcomeReason, run.State.Verdicts.Count), (folded.Version, folded.Status, folded.Outcome, folded.OutcomeReason, folded.Verdicts.Count));
            var next = ReleaseDecider.NextStep(run.State, run.Now);
            Assert.True(next is Finish || run.State.IsHolding || next is WaitForSignal, $"stuck at {next}");
        });
    }

    /// <summary>Guards the properties against passing vacuously: the random releases reach every corner they are about.</summary>
    [Fact]
    public void The_random_releases_reach_every_outcome_freeze_and_red_button_case()
    {
        var random = new Random(20261123);
        var runs = Enumerable.Range(0, 400).Select(_ => new ChaosDriver(new ChaosScript(
            (ChangeType)random.Next(3), (DatabaseChange)random.Next(4), random.Next(2) == 0, random.Next(7), random.Next(300),
            [.. Enumerable.Range(0, random.Next(1, 60)).Select(_ => random.Next(1_000_000))])).Run()).ToArray();

        (string Case, Func<ChaosDriver, bool> Reached)[] cases =
        [
            .. Enum.GetValues<ReleaseOutcome>().Select(o => (o.ToString(), (Func<ChaosDriver, bool>)(r => r.State.Outcome == o))),
            ("waited for a window, then swapped", r => r.Events.OfType<WaitingForChangeWindow>().Any() && r.Swaps.Count > 0),
            ("emergency swapped inside a freeze", r => r.Events.OfType<ChangeWindowBypassed>().Any() && r.Swaps.Count > 0),
            ("backout refused", r => r.Events.OfType<BackoutRefused>().Any()),
            ("backed out", r => r.Events.OfType<BackoutRequested>().Any() && r.State.Outcome == ReleaseOutcome.RolledBack),
            ("failed swap rolled back", r => r.Events.OfType<StepFailed>().Any(f => f.Step == "swap staging into production") && r.State.Outcome == ReleaseOutcome.RolledBack),
            ("canary rolled back without a swap", r => r.Request.Canary is not null && r.State.Outcome == ReleaseOutcome.RolledBack && r.Swaps.Count == 0),
            ("paged a human", r => r.Events.OfType<HumansPaged>().Any()),
        ];
        var missed = cases.Where(c => !runs.Any(c.Reached)).Select(c => c.Case).ToArray();
        Assert.True(missed.Length == 0, "never reached: " + string.Join(", ", missed));
    }

    [Fact]
    public async Task The_random_queues_hold_several_releases_at_once()
    {
        var random = new Random(7);
        var queued = 0;
        var outcomes = new HashSet<ReleaseOutcome>();
        for (var i = 0; i < 30; i++)
        {
            var releases = Enumerable.Range(0, 4).Select(_ => new QueuedRelease(random.Next(60), ChangeType.Standard, random.Next(3), random.Next(6), random.Next(90))).ToArray();
            var (world, _, arrival) = RunQueue(new QueueScript(i, random.Next(5), releases));
            foreach (var id in arrival)
            {
                var events = await world.EventsAsync(id);
                if (events.OfType<ReleaseAdmitted>().FirstOrDefault() is { } admitted && admitted.At > events[0].At) queued++;
                if ((await world.StateAsync(id)).Outcome is { } o) outcomes.Add(o);
            }
        }

        Assert.True(queued >= 10, $"only {queued} releases waited in a queue");
        Assert.Contains(ReleaseOutcome.Succeeded, outcomes);
        Assert.Contains(ReleaseOutcome.RolledBack, outcomes);
        Assert.Contains(ReleaseOutcome.Aborted, outcomes);
    }
}
