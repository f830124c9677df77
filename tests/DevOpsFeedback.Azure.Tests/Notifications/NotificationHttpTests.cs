using DevOpsFeedback.Notifications;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>The dispatcher with the real sinks over real HTTP on loopback, including sinks that are down.</summary>
public sealed class NotificationHttpTests
{
    private static NotificationOptions Options(params (string Name, string Type, Uri Url)[] sinks)
    {
        var o = new NotificationOptions { BaseUrl = "https://dfb.contoso.test", Delivery = TestNotifications.FastDelivery(attempts: 4) };
        foreach (var (name, type, url) in sinks) o.Sinks[name] = new NotificationSinkOptions { Type = type, Url = url.AbsoluteUri };
        o.Routes["*"] = new() { ["*"] = [.. sinks.Select(s => s.Name)] };
        return o;
    }

    private static NotificationDispatcher Dispatcher(NotificationOptions o) =>
        new(o, NotificationHttp.CreateSinks(o.Delivery), TimeProvider.System);

    [Fact]
    public async Task DispatchAsync_SinkRefusesConnections_IsRetriedThenRecordedAsFailedWithoutAnException()
    {
        var dispatcher = Dispatcher(Options(("down", "webhook", WebhookStandIn.RefusingUrl())));

        var result = await dispatcher.DispatchAsync(TestNotifications.Plain(), CancellationToken.None);

        Assert.Equal([1, 2, 3, 4], result.Attempts.Select(a => a.Attempt));
        Assert.All(result.Attempts, a => Assert.Equal((false, (int?)null), (a.Succeeded, a.StatusCode)));
        Assert.True(result.Attempts[^1].GaveUp);
        Assert.Equal<string>(["down"], result.FailedSinks);
    }

    [Fact]
    public async Task DispatchAsync_SinkAnswers500_IsRetriedWithTheSameNotificationIdThenGivenUp()
    {
        await using var standIn = await WebhookStandIn.StartAsync(_ => new StandInAnswer(500, "boom"));
        var dispatcher = Dispatcher(Options(("flaky", "webhook", standIn.Url("hook"))));

        var result = await dispatcher.DispatchAsync(TestNotifications.Plain(), CancellationToken.None);

        Assert.Equal(4, standIn.Requests.Count);
        Assert.Single(standIn.Requests.Select(r => r.Headers["X-Dfb-Notification"]).Distinct());
        Assert.Single(standIn.Requests.Select(r => r.Text).Distinct());
        Assert.All(result.Attempts, a => Assert.Equal((500, "HTTP 500: boom"), (a.StatusCode!.Value, a.Error!)));
        Assert.True(result.Attempts[^1].GaveUp);
    }

    [Fact]
    public async Task DispatchAsync_DownTeamsAndWorkingSlack_DeliversToSlackAndRecordsTeamsAsFailed()
    {
        await using var slack = await WebhookStandIn.StartAsync(_ => new StandInAnswer(200, "ok"));
        await using var teams = await WebhookStandIn.StartAsync(n => n < 3 ? new StandInAnswer(503) : new StandInAnswer(202));
        var dispatcher = Dispatcher(Options(("chat", "slack", slack.Url("services/T/B/X")), ("ops", "teams", teams.Url("workflow")), ("gone", "webhook", WebhookStandIn.RefusingUrl())));

        var result = await dispatcher.DispatchAsync(TestNotifications.Hostile(), CancellationToken.None);

        Assert.Equal<string>(["chat", "ops"], result.DeliveredTo.Order(StringComparer.Ordinal));
        Assert.Equal<string>(["gone"], result.FailedSinks);
        Assert.Equal([503, 503, 202], result.Attempts.Where(a => a.Sink == "ops").Select(a => a.StatusCode!.Value));
        Assert.Single(slack.Requests);
        Assert.Equal(3, teams.Requests.Count);
    }

    [Fact]
    public async Task DispatchAsync_SinkThatNeverAnswers_TimesOutEachAttemptThenGivesUp()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var standIn = await WebhookStandIn.StartAsync(_ => new StandInAnswer(200), release.Task);
        var o = Options(("slow", "slack", standIn.Url("services/T/B/X")));
        o.Delivery = TestNotifications.FastDelivery(attempts: 2);
        o.Delivery.AttemptTimeout = TimeSpan.FromMilliseconds(300);

        var result = await Dispatcher(o).DispatchAsync(TestNotifications.Plain(), CancellationToken.None);
        release.SetResult();

        Assert.Equal(2, result.Attempts.Length);
        Assert.All(result.Attempts, a => Assert.Equal("no answer within the attempt timeout", a.Error));
        Assert.True(result.Attempts[^1].GaveUp);
    }
}
