using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using DevOpsFeedback.Notifications;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// A generic JSON webhook: the notification as camelCase JSON. Headers: <c>X-Dfb-Notification</c> (the id, stable across
/// retries, for de-duplication), <c>X-Dfb-Kind</c>, and with a configured secret <c>X-Dfb-Signature: sha256=hex</c>
/// (HMAC-SHA256 of the body). Text is JSON-escaped with the default encoder (HTML-sensitive characters as \u escapes).
/// </summary>
public sealed class JsonWebhookSink(HttpPipeline pipeline) : INotificationSink
{
    public string Type => "webhook";

    public static JsonObject BuildPayload(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new JsonObject
        {
            ["id"] = n.Id,
            ["kind"] = NotificationKinds.Name(n.Kind),
            ["severity"] = n.Severity.ToString().ToLowerInvariant(),
            ["app"] = n.App,
            ["releaseId"] = n.ReleaseId,
            ["title"] = n.Title,
            ["text"] = n.Text,
            ["at"] = n.At.ToString("O", CultureInfo.InvariantCulture),
            ["facts"] = new JsonArray([.. n.Facts.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["value"] = f.Value })]),
            ["links"] = new JsonArray([.. n.Links.Select(l => (JsonNode)new JsonObject { ["title"] = l.Title, ["url"] = l.Url.AbsoluteUri })]),
        };
    }

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public Task<SinkResponse> SendAsync(SinkEndpoint endpoint, Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var body = Encoding.UTF8.GetBytes(BuildPayload(notification).ToJsonString());
        var headers = new List<KeyValuePair<string, string>>
        {
            new("X-Dfb-Notification", notification.Id),
            new("X-Dfb-Kind", NotificationKinds.Name(notification.Kind)),
        };
        if (endpoint.Secret is { } secret) headers.Add(new("X-Dfb-Signature", Sign(secret, body)));
        return WebhookPost.SendAsync(pipeline, endpoint, BinaryData.FromBytes(body), headers, SinkResponse.FromStatus, cancellationToken);
    }
}
