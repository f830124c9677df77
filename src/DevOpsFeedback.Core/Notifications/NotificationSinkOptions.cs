namespace DevOpsFeedback.Notifications;

/// <summary>One named sink: its type (webhook, teams, slack), its URL and, for generic webhooks, an optional signing secret.</summary>
public sealed class NotificationSinkOptions
{
    public string? Type { get; set; }

    public string? Url { get; set; }

    /// <summary>When set, a generic webhook signs each body with HMAC-SHA256 (header <c>X-Dfb-Signature: sha256=hex</c>).</summary>
    public string? Secret { get; set; }
}
