using DevOpsFeedback.Notifications;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>Notifications for sink tests, including one whose every free-text field is hostile.</summary>
internal static class TestNotifications
{
    public static readonly DateTimeOffset At = new(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);

    public const string HostileTitle = "contoso-web 1.5.0: approved by <!channel> **boss**";

    public const string HostileText =
        "Deploy & pray <script>alert(1)</script> [click](https://evil.test) {{DATE(2026-01-01T00:00:00Z, SHORT)}} <https://evil.test|login>\n- item\n1. first";

    public const string HostileReason = "<@U123> & `rm -rf` _x_ ~y~ ![img](https://evil.test/x.png)";

    public static Notification Hostile() => new(
        "000007-approval-needed",
        NotificationKind.ApprovalNeeded,
        "contoso-web",
        "rel-42",
        HostileTitle,
        HostileText,
        [new NotificationFact("Reason", HostileReason), new NotificationFact("Comment", "line1\r\nline2\u0007bell")],
        [
            new NotificationLink("Release status", new Uri("https://dfb.contoso.test/api/releases/rel-42")),
            new NotificationLink("Approve", new Uri("https://dfb.contoso.test/api/releases/rel-42/approve")),
            new NotificationLink("Reject", new Uri("https://dfb.contoso.test/api/releases/rel-42/reject")),
        ],
        At);

    public static Notification Plain(NotificationKind kind = NotificationKind.RolledBack) => new(
        "000009-" + NotificationKinds.Name(kind),
        kind,
        "contoso-web",
        "rel-42",
        "contoso-web 1.5.0: rolled back",
        "ROLLED BACK: bake failed",
        [new NotificationFact("Reason", "5xx 7%")],
        [new NotificationLink("Release status", new Uri("https://dfb.contoso.test/api/releases/rel-42"))],
        At);

    public static NotificationDeliveryOptions FastDelivery(int attempts = 3) =>
        new() { MaxAttempts = attempts, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, AttemptTimeout = TimeSpan.FromSeconds(10) };

    public static SinkEndpoint Endpoint(string type, Uri url, string? secret = null) => new($"{type}-sink", type, url, secret);
}
