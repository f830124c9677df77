using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using DevOpsFeedback.Notifications;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// Microsoft Teams through a Workflows (or legacy incoming-webhook) URL: a message with one Adaptive Card 1.4 attachment —
/// title coloured by severity, text, a fact set, and Action.OpenUrl buttons for the links (approve, reject, roll back).
/// Every free-text value is escaped by <see cref="AdaptiveCardText"/>.
/// </summary>
public sealed class TeamsSink(HttpPipeline pipeline) : INotificationSink
{
    private const int MaxFacts = 20;

    public string Type => "teams";

    public static JsonObject BuildPayload(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = AdaptiveCardText.Escape(n.Title, 300),
                ["size"] = "Medium",
                ["weight"] = "Bolder",
                ["color"] = Color(n.Severity),
                ["wrap"] = true,
            },
            new JsonObject { ["type"] = "TextBlock", ["text"] = AdaptiveCardText.Escape(n.Text), ["wrap"] = true },
        };
        if (!n.Facts.IsDefaultOrEmpty)
        {
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. n.Facts.Take(MaxFacts).Select(f => (JsonNode)new JsonObject
                {
                    ["title"] = AdaptiveCardText.Escape(f.Name, 100),
                    ["value"] = AdaptiveCardText.Escape(f.Value, 1_000),
                })]),
            });
        }

        body.Add(new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = AdaptiveCardText.Escape($"{NotificationKinds.Name(n.Kind)} · {n.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}"),
            ["isSubtle"] = true,
            ["size"] = "Small",
            ["wrap"] = true,
        });

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
            ["actions"] = new JsonArray([.. n.Links.Select(l => (JsonNode)new JsonObject
            {
                ["type"] = "Action.OpenUrl",
                ["title"] = l.Title,
                ["url"] = l.Url.AbsoluteUri,
                ["style"] = Style(l.Title),
            })]),
        };

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    ["contentUrl"] = null,
                    ["content"] = card,
                },
            },
        };
    }

    public Task<SinkResponse> SendAsync(SinkEndpoint endpoint, Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var body = BinaryData.FromString(BuildPayload(notification).ToJsonString());
        return WebhookPost.SendAsync(pipeline, endpoint, body, [], Classify, cancellationToken);
    }

    /// <summary>
    /// Workflows answer 202. Legacy Office 365 connector webhooks answer 200 even when delivery failed, with a body
    /// "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429 ...": that is a failure
    /// (retryable when the inner error is 429 or 5xx).
    /// </summary>
    internal static SinkResponse Classify(int status, string body, TimeSpan? retryAfter)
    {
        if (status is >= 200 and < 300 && body.StartsWith("Webhook message delivery failed", StringComparison.OrdinalIgnoreCase))
        {
            var retryable = body.Contains("HTTP error 429", StringComparison.Ordinal) || body.Contains("HTTP error 5", StringComparison.Ordinal);
            return new SinkResponse(false, status, SinkResponse.Clean(body), retryable, retryAfter);
        }

        return SinkResponse.FromStatus(status, body, retryAfter);
    }

    private static string Color(NotificationSeverity severity) => severity switch
    {
        NotificationSeverity.Good => "Good",
        NotificationSeverity.Warning => "Warning",
        NotificationSeverity.Critical => "Attention",
        _ => "Default",
    };

    private static string Style(string linkTitle) => linkTitle switch
    {
        "Approve" => "positive",
        "Reject" or "Roll back" => "destructive",
        _ => "default",
    };
}
