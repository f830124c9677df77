using DevOpsFeedback.Orchestration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace DevOpsFeedback.Functions;

public sealed class DurableReleaseRunnerTests
{
    private static Mock<DurableTaskClient> Client(OrchestrationRuntimeStatus? status)
    {
        var client = new Mock<DurableTaskClient>(MockBehavior.Strict, "test");
        client.Setup(c => c.GetInstanceAsync("rel-1", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(status is { } s ? new OrchestrationMetadata(nameof(ReleaseOrchestrator.RunRelease), "rel-1") { RuntimeStatus = s } : null);
        return client;
    }

    [Theory]
    [InlineData(null)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
#pragma warning disable CS0618 // obsolete in the SDK, still handled if a backend reports it
    [InlineData(OrchestrationRuntimeStatus.Canceled)]
#pragma warning restore CS0618
    public async Task StartAsync_NoLiveInstance_SchedulesTheOrchestratorWithTheReleaseIdAsInstanceId(OrchestrationRuntimeStatus? status)
    {
        var client = Client(status);
        StartOrchestrationOptions? options = null;
        object? input = null;
        using var cts = new CancellationTokenSource();
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), cts.Token))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((_, i, o, _) => (input, options) = (i, o))
            .ReturnsAsync("rel-1");

        await new DurableReleaseRunner(client.Object).StartAsync("rel-1", cts.Token);

        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.Is<TaskName>(n => n.Name == nameof(ReleaseOrchestrator.RunRelease)), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), cts.Token), Times.Once);
        Assert.Equal("rel-1", options?.InstanceId);
        Assert.Equal("rel-1", input);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
#pragma warning disable CS0618 // obsolete in the SDK, still handled if a backend reports it
    [InlineData(OrchestrationRuntimeStatus.ContinuedAsNew)]
#pragma warning restore CS0618
    public async Task StartAsync_LiveInstance_SchedulesNothing(OrchestrationRuntimeStatus status)
    {
        var client = Client(status); // strict: a schedule call would throw

        await new DurableReleaseRunner(client.Object).StartAsync("rel-1", CancellationToken.None);

        client.Verify(c => c.GetInstanceAsync("rel-1", false, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
#pragma warning disable CS0618 // obsolete in the SDK, still handled if a backend reports it
    [InlineData(OrchestrationRuntimeStatus.ContinuedAsNew)]
#pragma warning restore CS0618
    public async Task SignalAsync_LiveInstance_RaisesSignalEventWithOurJson(OrchestrationRuntimeStatus status)
    {
        var client = Client(status);
        object? payload = null;
        client.Setup(c => c.RaiseEventAsync("rel-1", ReleaseSignal.EventName, It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, object?, CancellationToken>((_, _, p, _) => payload = p)
            .Returns(Task.CompletedTask);

        var delivered = await new DurableReleaseRunner(client.Object).SignalAsync("rel-1", new RejectSignal("bob", "not today"), CancellationToken.None);

        Assert.True(delivered);
        var json = Assert.IsType<string>(payload);
        Assert.Equal(new RejectSignal("bob", "not today"), ReleaseJson.Deserialize<ReleaseSignal>(json));
        Assert.Contains("\"signal\":\"reject\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task SignalAsync_NoLiveInstance_RaisesNothingAndSaysSo(OrchestrationRuntimeStatus? status)
    {
        var client = Client(status); // strict: a raise call would throw

        var delivered = await new DurableReleaseRunner(client.Object).SignalAsync("rel-1", new AdmitSignal(), CancellationToken.None);

        Assert.False(delivered);
    }
}
