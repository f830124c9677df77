using DevOpsFeedback.Api;
using DevOpsFeedback.Azure.Alerts;
using DevOpsFeedback.Azure.Hosting;
using DevOpsFeedback.Azure.Notifications;
using DevOpsFeedback.Notifications;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Simulation;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace DevOpsFeedback.Functions;

/// <summary>
/// The host's real functions over a simulated world (virtual clock, simulated App Service and repository, in-memory
/// stores), with the Durable engine played by Moq: the client mock keeps instance statuses and raises signals; an
/// orchestration context mock routes activity calls to the real <see cref="ReleaseActivities"/>, fires durable timers
/// by advancing the virtual clock, and handles event waits the way the SDK's context does: waiters form a LIFO stack,
/// an event goes to the top waiter (even a cancelled one, where it is lost), and is buffered only when none waits.
/// </summary>
internal sealed class DurableHarness
{
    private readonly Dictionary<string, OrchestrationRuntimeStatus> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<string>> _signals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Stack<TaskCompletionSource<string>>> _waiters = new(StringComparer.Ordinal);

    public DurableHarness(DateTimeOffset start, int seed = 11)
    {
        World = new SimulatedWorld(start, seed);
        var services = new ServiceCollection()
            .AddSingleton(World.Store)
            .AddSingleton(World.Documents)
            .AddSingleton<ISlotController>(World.AppService)
            .AddSingleton<IAlertParser>(new AlertParser())
            .AddSingleton(ReleaseApiOptions.Default)
            .AddSingleton<TimeProvider>(new SchedulerTimeProvider(World.Scheduler))
            .AddSingleton(new ReleaseHostOptions())
            .AddSingleton<INotificationPublisher>(NoNotifications.Instance)
            .BuildServiceProvider();
        Factory = new ReleaseApiFactory(services);
        var notificationsOff = new EventBatchNotifier(World.Store, new DurableNotificationOutbox(World.Documents, TimeProvider.System),
            new NotificationOptions(), NullLogger<EventBatchNotifier>.Instance);
        Activities = new ReleaseActivities(World.Actions, World.Store, Factory, notificationsOff);
        Client = new Mock<DurableTaskClient>(MockBehavior.Strict, "harness");
        Client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) =>
                _instances.TryGetValue(id, out var status) ? new OrchestrationMetadata(nameof(ReleaseOrchestrator.RunRelease), id) { RuntimeStatus = status } : null);
        Client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                var id = options?.InstanceId ?? throw new InvalidOperationException("the runner must choose the instance id");
                _instances[id] = OrchestrationRuntimeStatus.Pending;
                Scheduled.Add(id);
                return id;
            });
        Client.Setup(c => c.RaiseEventAsync(It.IsAny<string>(), ReleaseSignal.EventName, It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Returns((string id, string _, object? payload, CancellationToken _) =>
            {
                var json = (string)payload!;
                if (Waiters(id).TryPop(out var top)) top.TrySetResult(json); // a cancelled top waiter swallows it, as in the SDK
                else Signals(id).Enqueue(json);
                return Task.CompletedTask;
            });
    }

    public SimulatedWorld World { get; }

    public ReleaseApiFactory Factory { get; }

    public ReleaseActivities Activities { get; }

    public Mock<DurableTaskClient> Client { get; }

    public List<string> Scheduled { get; } = [];

    public List<string> ActivityCalls { get; } = [];

    /// <summary>Loop steps run so far in the current generation.</summary>
    public int Steps { get; private set; }

    /// <summary>Runs before each activity with its name and input (e.g. to press the red button during an analysis).</summary>
    public Func<string, string, Task>? OnActivity { get; set; }

    public ReleaseDesk Desk => Factory.Desk(new DurableReleaseRunner(Client.Object));

    /// <summary>One execution (generation) of the orchestration <paramref name="releaseId"/>, with <paramref name="input"/> as its input.</summary>
    public Mock<TaskOrchestrationContext> Context(string releaseId, string? input)
    {
        var function = TestHttpRequestData.Context(CancellationToken.None);
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Strict);
        context.SetupGet(c => c.InstanceId).Returns(releaseId);
        context.SetupGet(c => c.IsReplaying).Returns(false);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => World.Now.UtcDateTime);
        context.Setup(c => c.GetInput<string>()).Returns(input);
        context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback(() => Steps++); // the loop publishes once per step
        context.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()));
        context.Setup(c => c.CallActivityAsync<string>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(async (TaskName name, object? payload, TaskOptions? _) =>
            {
                var text = (string)payload!;
                await BeforeActivityAsync(name.Name, text);
                return name.Name switch
                {
                    nameof(ReleaseActivities.LoadRelease) => await Activities.LoadRelease(text, function),
                    nameof(ReleaseActivities.RunAction) => await Activities.RunAction(text, function),
                    _ => throw new InvalidOperationException($"no activity {name.Name} returns a string"),
                };
            });
        context.Setup(c => c.CallActivityAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(async (TaskName name, object? payload, TaskOptions? _) =>
            {
                var text = (string)payload!;
                await BeforeActivityAsync(name.Name, text);
                await (name.Name switch
                {
                    nameof(ReleaseActivities.AppendEvents) => Activities.AppendEvents(text, function),
                    nameof(ReleaseActivities.CompleteRelease) => Activities.CompleteRelease(text, Client.Object, function),
                    _ => throw new InvalidOperationException($"no activity {name.Name}"),
                });
            });
        context.Setup(c => c.WaitForExternalEvent<string>(ReleaseSignal.EventName, It.IsAny<CancellationToken>()))
            .Returns((string _, CancellationToken token) =>
            {
                if (Signals(releaseId).TryDequeue(out var buffered)) return Task.FromResult(buffered);
                var wait = new TaskCompletionSource<string>();
                token.Register(() => wait.TrySetCanceled(token)); // stays on the stack, as in the SDK
                Waiters(releaseId).Push(wait);
                return wait.Task;
            });
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, CancellationToken token) =>
            {
                if (IsWaiting(releaseId)) World.Run(new DateTimeOffset(fireAt, TimeSpan.Zero));
                if (IsWaiting(releaseId)) return Task.CompletedTask;
                var never = new TaskCompletionSource();
                token.Register(() => never.TrySetCanceled(token));
                return never.Task; // a signal won: this timer only ends by being cancelled
            });
        return context;
    }

    /// <summary>Runs one generation of the orchestrator, failing instead of hanging if it waits for a signal nobody sends.</summary>
    public async Task<(string Status, bool ContinuedAsNew, Mock<TaskOrchestrationContext> Context)> RunGenerationAsync(string releaseId, string? input)
    {
        var context = Context(releaseId, input);
        Steps = 0;
        _instances[releaseId] = OrchestrationRuntimeStatus.Running;
        var status = await ReleaseOrchestrator.RunRelease(context.Object).WaitAsync(TimeSpan.FromSeconds(60));
        var continued = context.Invocations.Any(i => i.Method.Name == nameof(TaskOrchestrationContext.ContinueAsNew));
        // The SDK's ContinuedAsNew status is obsolete and transient: the next generation reports Running.
        _instances[releaseId] = continued ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Completed;
        return (status, continued, context);
    }

    private async Task BeforeActivityAsync(string name, string input)
    {
        ActivityCalls.Add(name);
        if (OnActivity is { } hook) await hook(name, input);
    }

    private bool IsWaiting(string releaseId) => Waiters(releaseId).TryPeek(out var top) && !top.Task.IsCompleted;

    private Stack<TaskCompletionSource<string>> Waiters(string releaseId)
    {
        if (!_waiters.TryGetValue(releaseId, out var stack)) _waiters[releaseId] = stack = new Stack<TaskCompletionSource<string>>();
        return stack;
    }

    private Queue<string> Signals(string releaseId)
    {
        if (!_signals.TryGetValue(releaseId, out var queue)) _signals[releaseId] = queue = new Queue<string>();
        return queue;
    }
}
