using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Releases;
using Microsoft.DurableTask;
using Moq;

namespace DevOpsFeedback.Functions;

public sealed class DurableReleaseRuntimeTests
{
    private static readonly DateTime Noon = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);

    private static Mock<TaskOrchestrationContext> Context()
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Strict);
        context.SetupGet(c => c.InstanceId).Returns("rel-1");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Noon);
        context.SetupGet(c => c.IsReplaying).Returns(false);
        return context;
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Unspecified)]
    public void Now_ContextClock_IsTheReplaySafeUtcTime(DateTimeKind kind)
    {
        var context = Context();
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(DateTime.SpecifyKind(Noon, kind));

        var now = new DurableReleaseRuntime(context.Object).Now;

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero), now);
        Assert.Equal(TimeSpan.Zero, now.Offset);
    }

    [Fact]
    public async Task RunActionAsync_ActionGiven_CallsRunActionActivityWithOurJsonAndParsesTheResult()
    {
        var context = Context();
        var action = new SmokeTest("shop", "staging", Ports.SmokeTestSpec.Default);
        var verdict = new Verdict(new DateTimeOffset(Noon), VerdictPhase.Pass, "all good", [new MetricResult("errors", VerdictPhase.Pass, "0.1% < 1%")]);
        string? sent = null;
        TaskOptions? options = null;
        context.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == nameof(ReleaseActivities.RunAction)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, input, o) => (sent, options) = ((string?)input, o))
            .ReturnsAsync(ReleaseJson.Serialize<StepResult>(new Analyzed(verdict)));

        var result = await new DurableReleaseRuntime(context.Object).RunActionAsync(action);

        Assert.Equal(new Analyzed(verdict), result);
        Assert.Equal(action, ReleaseJson.Deserialize<StepAction>(sent!));
        Assert.Contains("\"action\":\"SmokeTest\"", sent, StringComparison.Ordinal);
        Assert.NotNull(options?.Retry);
    }

    [Fact]
    public async Task WaitAsync_SignalBeforeDeadline_ReturnsTheSignalAndCancelsTheTimer()
    {
        var context = Context();
        var deadline = Noon.AddMinutes(5);
        var timer = new TaskCompletionSource();
        var arriving = new TaskCompletionSource<string>();
        CancellationToken timerToken = default;
        context.Setup(c => c.WaitForExternalEvent<string>(ReleaseSignal.EventName, It.IsAny<CancellationToken>())).Returns(arriving.Task);
        context.Setup(c => c.CreateTimer(deadline, It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((_, t) =>
            {
                timerToken = t;
                arriving.SetResult(ReleaseJson.Serialize<ReleaseSignal>(new RollbackSignal("alice", "errors up"))); // arrives while the timer runs
            })
            .Returns(timer.Task);

        var signal = await new DurableReleaseRuntime(context.Object).WaitAsync(new DateTimeOffset(deadline));

        Assert.Equal(new RollbackSignal("alice", "errors up"), signal);
        Assert.True(timerToken.IsCancellationRequested, "the losing timer must be cancelled, or it keeps the instance alive");
        Assert.False(timer.Task.IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_SignalAlreadyBuffered_ReturnsItWithoutCreatingATimer()
    {
        var context = Context(); // strict: a timer would throw
        context.Setup(c => c.WaitForExternalEvent<string>(ReleaseSignal.EventName, It.IsAny<CancellationToken>()))
            .ReturnsAsync(ReleaseJson.Serialize<ReleaseSignal>(new AdmitSignal()));

        var signal = await new DurableReleaseRuntime(context.Object).WaitAsync(new DateTimeOffset(Noon.AddMinutes(5)));

        Assert.IsType<AdmitSignal>(signal);
    }

    [Fact]
    public async Task WaitAsync_DeadlineBeforeSignal_ReturnsNullAndKeepsTheEventWaitOutstanding()
    {
        var context = Context();
        var deadline = Noon.AddHours(1);
        CancellationToken eventToken = default;
        context.Setup(c => c.CreateTimer(deadline, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        context.Setup(c => c.WaitForExternalEvent<string>(ReleaseSignal.EventName, It.IsAny<CancellationToken>()))
            .Callback<string, CancellationToken>((_, t) => eventToken = t)
            .Returns(new TaskCompletionSource<string>().Task);
        var runtime = new DurableReleaseRuntime(context.Object);

        var signal = await runtime.WaitAsync(new DateTimeOffset(deadline));

        Assert.Null(signal);
        // Never cancelled: the SDK would keep a cancelled waiter on its stack and hand it the next event, which is then lost.
        Assert.False(eventToken.CanBeCanceled);
        Assert.False(runtime.HasUnreadSignal);
    }

    [Fact]
    public async Task WaitAsync_SignalArrivesBetweenWaits_NextWaitTakesItFromTheSameEventWaitWithoutATimer()
    {
        var context = Context();
        var first = Noon.AddMinutes(5);
        var arriving = new TaskCompletionSource<string>();
        context.Setup(c => c.CreateTimer(first, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        context.Setup(c => c.WaitForExternalEvent<string>(ReleaseSignal.EventName, It.IsAny<CancellationToken>())).Returns(arriving.Task);
        var runtime = new DurableReleaseRuntime(context.Object);
        Assert.Null(await runtime.WaitAsync(new DateTimeOffset(first)));

        arriving.SetResult(ReleaseJson.Serialize<ReleaseSignal>(new RollbackSignal("alice", "pressed during the analysis")));
        Assert.True(runtime.HasUnreadSignal);
        var signal = await runtime.WaitAsync(new DateTimeOffset(Noon.AddMinutes(10)));

        Assert.Equal(new RollbackSignal("alice", "pressed during the analysis"), signal);
        Assert.False(runtime.HasUnreadSignal);
        context.Verify(c => c.WaitForExternalEvent<string>(ReleaseSignal.EventName, It.IsAny<CancellationToken>()), Times.Once);
        context.Verify(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task WaitAsync_AfterASignalWasTaken_WaitsOnANewEventWait()
    {
        var context = Context();
        context.SetupSequence(c => c.WaitForExternalEvent<string>(ReleaseSignal.EventName, It.IsAny<CancellationToken>()))
            .ReturnsAsync(ReleaseJson.Serialize<ReleaseSignal>(new AdmitSignal()))
            .ReturnsAsync(ReleaseJson.Serialize<ReleaseSignal>(new RejectSignal("bob", "no")));
        var runtime = new DurableReleaseRuntime(context.Object);

        Assert.IsType<AdmitSignal>(await runtime.WaitAsync(null));
        Assert.IsType<RejectSignal>(await runtime.WaitAsync(null));

        context.Verify(c => c.WaitForExternalEvent<string>(ReleaseSignal.EventName, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task WaitAsync_DeadlineInAnotherOffset_TimerFiresAtTheSameUtcInstant()
    {
        var context = Context();
        var fireAt = DateTime.MinValue;
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((at, _) => fireAt = at).Returns(Task.CompletedTask);
        context.Setup(c => c.WaitForExternalEvent<string>(ReleaseSignal.EventName, It.IsAny<CancellationToken>()))
            .Returns(new TaskCompletionSource<string>().Task);

        await new DurableReleaseRuntime(context.Object).WaitAsync(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.FromHours(2)));

        Assert.Equal(Noon, fireAt);
        Assert.Equal(DateTimeKind.Utc, fireAt.Kind);
    }

    [Fact]
    public async Task WaitAsync_NoDeadline_WaitsOnlyForTheSignal()
    {
        var context = Context();
        context.Setup(c => c.WaitForExternalEvent<string>(ReleaseSignal.EventName, It.IsAny<CancellationToken>()))
            .ReturnsAsync(ReleaseJson.Serialize<ReleaseSignal>(new ApproveSignal("bob", "ok", ["hotfix-regression"])));

        var signal = await new DurableReleaseRuntime(context.Object).WaitAsync(null);

        var approve = Assert.IsType<ApproveSignal>(signal);
        Assert.Equal("bob", approve.Approver);
        Assert.Equal(new[] { "hotfix-regression" }, approve.Overrides);
        context.Verify(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
        context.Verify(c => c.CreateTimer(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RecordAsync_Events_CallsAppendEventsWithTheBatch()
    {
        var context = Context();
        var at = new DateTimeOffset(Noon);
        var request = new ReleaseRequest("rel-1", "shop", "1.1.0", "c2", ChangeType.Standard, DatabaseChange.None, "swap back", "pipeline", [], null, "default");
        var events = ImmutableArray.Create<ReleaseEvent>(new ReleaseRequested(at, request, ReleaseSettings.Default), new ReleaseAdmitted(at));
        var after = ReleaseDecider.Fold(events);
        string? sent = null;
        context.Setup(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == nameof(ReleaseActivities.AppendEvents)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, input, _) => sent = (string?)input)
            .Returns(Task.CompletedTask);

        await new DurableReleaseRuntime(context.Object).RecordAsync(after, 0, events);

        var batch = ReleaseJson.Deserialize<EventBatch>(sent!);
        Assert.Equal(("rel-1", "shop", 0L, after.Status), (batch.ReleaseId, batch.App, batch.ExpectedVersion, batch.Status));
        Assert.Equal(ReleaseJson.Serialize(events), ReleaseJson.Serialize(batch.Events)); // our wire form, type discriminators included
    }

    [Fact]
    public async Task RecordAsync_AppendFails_ThePersistenceFailureSurfaces()
    {
        var context = Context();
        var at = new DateTimeOffset(Noon);
        var request = new ReleaseRequest("rel-1", "shop", "1.1.0", "c2", ChangeType.Standard, DatabaseChange.None, "swap back", "pipeline", [], null, "default");
        var events = ImmutableArray.Create<ReleaseEvent>(new ReleaseRequested(at, request, ReleaseSettings.Default));
        context.Setup(c => c.CallActivityAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(new InvalidOperationException("table storage unavailable"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new DurableReleaseRuntime(context.Object).RecordAsync(ReleaseDecider.Fold(events), 0, events));

        Assert.Equal("table storage unavailable", error.Message);
    }

    [Fact]
    public void PublishStatus_Status_SetsTheCustomStatus()
    {
        var context = Context();
        object? published = null;
        context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => published = s);
        var status = new ReleaseStatusView("rel-1", "shop", "baking", "baking: next analysis", 9);

        new DurableReleaseRuntime(context.Object).PublishStatus(status);

        Assert.Equal(status, published);
    }
}
