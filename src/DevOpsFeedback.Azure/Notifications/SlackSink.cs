using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using DevOpsFeedback.Notifications;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// A Slack incoming webhook: <c>text</c> (the notification fallback) plus blocks — a section with the title and text,
/// sections of fact fields (at most 10 per section), link buttons, and a context line. Free text is escaped by
/// <see cref="SlackText"/> and sent with <c>verbatim</c> so Slack does not turn names or URLs in it into links.
/// </summary>
public sealed class SlackSink(HttpPipeline pipeline) : INotificationSink
{
    private const int FieldsPerSection = 10;
    private const int MaxFacts = 20;

    public string Type => "slack";

    public static JsonObject BuildPayload(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var blocks = new JsonArray
        {
            Section($"{Emoji(n.Severity)} *{SlackText.Escape(n.Title, 300)}*\n{SlackText.Escape(n.Text, 2_500)}"),
        };
        foreach (var chunk in n.Facts.Take(MaxFacts).Chunk(FieldsPerSection))
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray([.. chunk.Select(f => (JsonNode)Mrkdwn($"*{SlackText.Escape(f.Name, 100)}*\n{SlackText.Escape(f.Value, 1_800)}"))]),
            });
        }

        if (!n.Links.IsDefaultOrEmpty)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray([.. n.Links.Take(5).Select((l, i) => (JsonNode)Button(l, i))]),
            });
        }

        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray
            {
                Mrkdwn(SlackText.Escape($"{NotificationKinds.Name(n.Kind)} · {n.App}{(n.ReleaseId is null ? "" : " · " + n.ReleaseId)} · {n.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}")),
            },
        });

        return new JsonObject
        {
            ["text"] = SlackText.Escape($"{n.Title}: {n.Text}", 3_000),
            ["blocks"] = blocks,
        };
    }

    public Task<SinkResponse> SendAsync(SinkEndpoint endpoint, Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var body = BinaryData.FromString(BuildPayload(notification).ToJsonString());
        return WebhookPost.SendAsync(pipeline, endpoint, body, [], SinkResponse.FromStatus, cancellationToken);
    }

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text, ["verbatim"] = true };

    private static JsonObject Button(NotificationLink link, int index)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = link.Title.Length > 75 ? link.Title[..75] : link.Title },
            ["url"] = link.Url.AbsoluteUri,
            ["action_id"] = $"dfb-link-{index}",
        };
        var style = link.Title switch
        {
            "Approve" => "primary",
            "Reject" or "Roll back" => "danger",
            _ => null,
        };
        if (style is not null) button["style"] = style;
        return button;
    }

    private static string Emoji(NotificationSeverity severity) => severity switch
    {
        NotificationSeverity.Good => ":white_check_mark:",
        NotificationSeverity.Warning => ":warning:",
        NotificationSeverity.Critical => ":rotating_light:",
        _ => ":information_source:",
    };
}
