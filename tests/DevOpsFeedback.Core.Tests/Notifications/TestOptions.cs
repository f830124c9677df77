namespace DevOpsFeedback.Notifications;

/// <summary>Options as configuration would bind them, for notification tests.</summary>
internal static class TestOptions
{
    public static NotificationOptions Create(Action<NotificationOptions>? change = null)
    {
        var o = new NotificationOptions
        {
            BaseUrl = "https://dfb.contoso.test",
            Sinks =
            {
                ["audit"] = new NotificationSinkOptions { Type = "webhook", Url = "https://hooks.contoso.test/audit" },
                ["ops-teams"] = new NotificationSinkOptions { Type = "teams", Url = "https://contoso.webhook.office.test/x" },
                ["ops-slack"] = new NotificationSinkOptions { Type = "slack", Url = "https://hooks.slack.test/services/T/B/X" },
            },
            Routes =
            {
                ["*"] = new(StringComparer.OrdinalIgnoreCase) { ["*"] = ["audit"] },
                ["contoso-web"] = new(StringComparer.OrdinalIgnoreCase)
                {
                    ["approval-needed"] = ["ops-teams"],
                    ["rolled-back"] = ["ops-teams", "ops-slack", "audit"],
                },
            },
        };
        change?.Invoke(o);
        return o;
    }
}
