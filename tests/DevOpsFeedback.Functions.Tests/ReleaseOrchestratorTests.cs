using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Simulation;
using Microsoft.DurableTask;
using Moq;

namespace DevOpsFeedback.Functions;

public sealed class ReleaseOrchestratorTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static async Task<DurableHarness> SubmittedAsync(string releaseId, ReleaseSettings? settings = null, ChangeType type = ChangeType.Standard)
    {
        var harness = new DurableHarness(Start);
        harness.World.AddApp("shop", "1.0.0", "c1");
        harness.World.Build("shop", "1.1.0", "c2", "c1");
        var submitted = await harness.Desk.SubmitAsync(SimulatedWorld.Request(releaseId, "shop", "1.1.0", "c2", type), settings ?? ReleaseSettings.Default, Start, CancellationToken.None);
        Assert.True(submitted.Created);
        return harness;
    }

    [Fact]
    public async Task Given_finished_log_When_orchestrator_runs_Then_it_loads_the_log_and_completes_without_continue_as_new()
    {
        var harness = await SubmittedAsync("rel-done");
        var state = await harness.Desk.LoadAsync("rel-done", CancellationToken.None);
        await EventBatch.AppendAsync(harness.World.Store,
            new EventBatch("rel-done", "shop", state.Version, "rejected", [new ReleaseRejected(Start, "bob", "not this week")]), CancellationToken.None);

        var (status, continued, context) = await harness.RunGenerationAsync("rel-done", "rel-done");

        Assert.Equal("rejected", status);
        Assert.False(continued);
        Assert.Equal(new[] { nameof(ReleaseActivities.LoadRelease), nameof(ReleaseActivities.CompleteRelease) }, harness.ActivityCalls);
        context.Verify(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == nameof(ReleaseActivities.LoadRelease)), "rel-done", It.IsAny<TaskOptions?>()), Times.Once);
        context.Verify(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()), Times.Never);
        Assert.Null(await new AppQueue(harness.World.Documents).HeadAsync("shop", CancellationToken.None));
        Assert.Empty(harness.World.AppService.SwapLog);
    }

    [Fact]
    public async Task Given_no_log_When_orchestrator_runs_Then_it_fails_naming_the_release_and_runs_nothing()
    {
        var harness = new DurableHarness(Start);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.RunGenerationAsync("rel-ghost", "rel-ghost"));

        Assert.Contains("rel-ghost", error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { nameof(ReleaseActivities.LoadRelease) }, harness.ActivityCalls);
    }

    [Fact]
    public async Task Given_no_input_When_orchestrator_runs_Then_the_instance_id_names_the_release()
    {
        var harness = await SubmittedAsync("rel-noinput");
        var state = await harness.Desk.LoadAsync("rel-noinput", CancellationToken.None);
        await EventBatch.AppendAsync(harness.World.Store,
            new EventBatch("rel-noinput", "shop", state.Version, "rejected", [new ReleaseRejected(Start, "bob", "no")]), CancellationToken.None);

        var (status, _, context) = await harness.RunGenerationAsync("rel-noinput", input: null);

        Assert.Equal("rejected", status);
        context.Verify(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == nameof(ReleaseActivities.LoadRelease)), "rel-noinput", It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public async Task Given_admitted_standard_release_When_orchestrated_Then_it_swaps_once_bakes_and_succeeds_in_one_generation()
    {
        var harness = await SubmittedAsync("rel-ok");
        Assert.Equal(new[] { "rel-ok" }, harness.Scheduled);

        var (status, continued, _) = await harness.RunGenerationAsync("rel-ok", "rel-ok");

        var final = await harness.Desk.LoadAsync("rel-ok", CancellationToken.None);
        Assert.Equal(ReleaseOutcome.Succeeded, final.Outcome);
        Assert.Equal(final.Status, status);
        Assert.False(continued);
        Assert.Single(harness.World.AppService.SwapLog);
        Assert.Equal(BakeLooks(ReleaseSettings.Default), final.Verdicts.Count);
        Assert.Equal(nameof(ReleaseActivities.CompleteRelease), harness.ActivityCalls[^1]);
        Assert.True(harness.World.Now >= Start + ReleaseSettings.Default.Bake.Duration);
    }

    [Fact]
    public async Task Given_long_bake_When_the_step_budget_runs_out_Then_continues_as_new_with_the_release_id_and_the_next_generation_resumes_from_the_log()
    {
        var settings = ReleaseSettings.Default with { Bake = BakePolicy.Default with { Duration = TimeSpan.FromHours(20) } };
        Assert.True(BakeLooks(settings) * 2 > ReleaseOrchestrator.StepsPerGeneration, "the bake must need more steps than one generation allows");
        var harness = await SubmittedAsync("rel-long", settings);

        var (_, continued, first) = await harness.RunGenerationAsync("rel-long", "rel-long");

        Assert.True(continued);
        first.Verify(c => c.ContinueAsNew("rel-long", true), Times.Once);
        first.Verify(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == nameof(ReleaseActivities.CompleteRelease)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
        var midway = await harness.Desk.LoadAsync("rel-long", CancellationToken.None);
        Assert.Null(midway.Outcome);
        Assert.True(midway.Swapped);

        var generations = 1;
        var last = continued;
        while (last)
        {
            Assert.True(++generations <= 10, "the release should finish within ten generations");
            (_, last, _) = await harness.RunGenerationAsync("rel-long", "rel-long");
        }

        var final = await harness.Desk.LoadAsync("rel-long", CancellationToken.None);
        Assert.Equal(ReleaseOutcome.Succeeded, final.Outcome);
        Assert.Equal(BakeLooks(settings), final.Verdicts.Count);
        Assert.Single(harness.World.AppService.SwapLog);
        Assert.True(generations > 1);
    }

    [Fact]
    public async Task Given_bake_When_the_red_button_is_pressed_Then_the_signal_beats_the_timer_and_the_release_swaps_back()
    {
        var harness = await SubmittedAsync("rel-red");
        harness.World.At(Start + TimeSpan.FromMinutes(12), () =>
            harness.Desk.SignalAsync("rel-red", new RollbackSignal("alice", "checkout errors"), harness.World.Now, CancellationToken.None));

        var (status, continued, _) = await harness.RunGenerationAsync("rel-red", "rel-red");

        var final = await harness.Desk.LoadAsync("rel-red", CancellationToken.None);
        Assert.Equal(ReleaseOutcome.RolledBack, final.Outcome);
        Assert.Equal("rolled-back", status);
        Assert.False(continued);
        Assert.Equal(2, harness.World.AppService.SwapLog.Length);
        Assert.Contains("alice", final.Rollback!.Reason, StringComparison.Ordinal);
        Assert.True(harness.World.Now < Start + ReleaseSettings.Default.Bake.Duration, "the rollback must not wait for the bake timer");
    }

    [Fact]
    public async Task Given_bake_When_the_red_button_is_pressed_during_an_analysis_Then_the_signal_is_not_lost_and_the_release_swaps_back()
    {
        var harness = await SubmittedAsync("rel-mid");
        var pressed = false;
        harness.OnActivity = async (name, input) =>
        {
            // The first bake analysis runs after a wait whose timer won: the signal arrives while no wait is pending.
            if (pressed || name != nameof(ReleaseActivities.RunAction) || ReleaseJson.Deserialize<StepAction>(input) is not Analyze) return;
            pressed = true;
            var result = await harness.Desk.SignalAsync("rel-mid", new RollbackSignal("alice", "checkout errors"), harness.World.Now, CancellationToken.None);
            Assert.True(result.Accepted, result.Reason);
        };

        var (status, _, _) = await harness.RunGenerationAsync("rel-mid", "rel-mid");

        Assert.True(pressed);
        Assert.Equal("rolled-back", status);
        Assert.Equal(2, harness.World.AppService.SwapLog.Length);
    }

    [Fact]
    public async Task Given_long_bake_When_a_signal_arrives_during_the_last_step_of_a_generation_Then_it_is_recorded_before_continue_as_new()
    {
        var settings = ReleaseSettings.Default with { Bake = BakePolicy.Default with { Duration = TimeSpan.FromHours(20) } };
        // A normal change waits once more (for approval), which puts an analysis on the generation's last step.
        var harness = await SubmittedAsync("rel-edge", settings, ChangeType.Normal);
        await harness.Desk.SignalAsync("rel-edge", new ApproveSignal("bob", "fine", []), Start, CancellationToken.None);
        var pressed = false;
        harness.OnActivity = async (name, _) =>
        {
            if (pressed || name != nameof(ReleaseActivities.RunAction) || harness.Steps != ReleaseOrchestrator.StepsPerGeneration) return;
            pressed = true;
            await harness.Desk.SignalAsync("rel-edge", new RollbackSignal("alice", "late in the generation"), harness.World.Now, CancellationToken.None);
        };

        var (_, continued, _) = await harness.RunGenerationAsync("rel-edge", "rel-edge");

        Assert.True(pressed, "the last step of the generation should run an action");
        var afterFirst = await harness.Desk.LoadAsync("rel-edge", CancellationToken.None);
        Assert.Contains("late in the generation", afterFirst.Rollback?.Reason ?? "(no rollback recorded)", StringComparison.Ordinal);
        for (var generation = 2; continued; generation++)
        {
            Assert.True(generation <= 10, "the rollback should finish within ten generations");
            (_, continued, _) = await harness.RunGenerationAsync("rel-edge", "rel-edge");
        }

        Assert.Equal(ReleaseOutcome.RolledBack, (await harness.Desk.LoadAsync("rel-edge", CancellationToken.None)).Outcome);
        Assert.Equal(2, harness.World.AppService.SwapLog.Length);
    }

    private static int BakeLooks(ReleaseSettings settings) => settings.Bake.PlannedLooks;
}
