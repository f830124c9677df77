using DevOpsFeedback.Api;
using DevOpsFeedback.Azure.AppService;
using DevOpsFeedback.Azure.Hosting;
using DevOpsFeedback.Azure.Notifications;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DevOpsFeedback.Functions;

/// <summary>
/// Timer triggers: production health between releases (HealthChecks__Schedule, every 5 minutes by default), the queue
/// drain. The weekly planning digest has its own class below.
/// </summary>
public sealed class Schedules(ReleaseApiFactory factory, ProductionWatch watch, AppServiceOptions apps)
{
    [Function("ProductionHealth")]
    public Task ProductionHealth([TimerTrigger("%HealthChecks:Schedule%")] TimerInfo timer, FunctionContext context) =>
        watch.CheckAsync(apps.Apps.Keys, context.CancellationToken);

    [Function("DrainQueues")]
    public Task DrainQueues([TimerTrigger("0 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        factory.Desk(new DurableReleaseRunner(client)).DrainAsync(apps.Apps.Keys, context.CancellationToken);
}

/// <summary>
/// Delivers what waits in the notification outbox every minute, besides the worker's own background drain: after a recycle or
/// a scale-in, whatever instance runs next delivers it. Drains share the work by leases. Off without a sink.
/// </summary>
public sealed class NotificationSchedule(NotificationDrain drain)
{
    [Function("DrainNotifications")]
    public Task DrainNotifications([TimerTrigger("30 * * * * *")] TimerInfo timer, FunctionContext context) =>
        drain.RunOnceAsync(context.CancellationToken);
}

/// <summary>
/// The weekly planning digest, apart from the release timers so that a bad PlanningDigest setting (validated when the
/// digest is built) cannot stop health checks or queue drains. Without a configured sink it does nothing.
/// </summary>
public sealed class PlanningDigestSchedule(PlanningDigest digest)
{
    [Function("PlanningDigest")]
    public Task RunDigest([TimerTrigger("%PlanningDigest:Schedule%")] TimerInfo timer, FunctionContext context) =>
        digest.RunAsync(context.CancellationToken);
}
