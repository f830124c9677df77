using System.Text.Json;
using DevOpsFeedback.Notifications;

namespace DevOpsFeedback.Azure.Notifications;

public sealed class TeamsSinkTests
{
    private static async Task<(SinkResponse Response, CapturedRequest Request)> PostAsync(Notification n, StandInAnswer? answer = null)
    {
        await using var standIn = await WebhookStandIn.StartAsync(_ => answer ?? new StandInAnswer(202));
        var sink = new TeamsSink(NotificationHttp.CreatePipeline(TestNotifications.FastDelivery()));
        var response = await sink.SendAsync(TestNotifications.Endpoint("teams", standIn.Url("workflows/abc/triggers/manual/paths/invoke?sig=s3cret")), n, CancellationToken.None);
        return (response, Assert.Single(standIn.Requests));
    }

    [Fact]
    public async Task SendAsync_Notification_PostsAMessageWithOneAdaptiveCard14AndOpenUrlActions()
    {
        var (response, request) = await PostAsync(TestNotifications.Hostile());

        Assert.Equal(SinkResponse.Delivered(202), response);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("message", root.GetProperty("type").GetString());
        var attachment = Assert.Single(root.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal(("AdaptiveCard", "1.4"), (card.GetProperty("type").GetString(), card.GetProperty("version").GetString()));
        var body = card.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal(["TextBlock", "TextBlock", "FactSet", "TextBlock"], body.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("Warning", body[0].GetProperty("color").GetString());
        Assert.Equal(2, body[2].GetProperty("facts").GetArrayLength());
        var actions = card.GetProperty("actions").EnumerateArray().ToList();
        Assert.All(actions, a => Assert.Equal("Action.OpenUrl", a.GetProperty("type").GetString()));
        Assert.Equal(
            [("Release status", "https://dfb.contoso.test/api/releases/rel-42"), ("Approve", "https://dfb.contoso.test/api/releases/rel-42/approve"), ("Reject", "https://dfb.contoso.test/api/releases/rel-42/reject")],
            actions.Select(a => (a.GetProperty("title").GetString()!, a.GetProperty("url").GetString()!)));
        Assert.Equal(["default", "positive", "destructive"], actions.Select(a => a.GetProperty("style").GetString()));
    }

    [Fact]
    public async Task SendAsync_HostileText_IsEscapedSoItShowsLiterally()
    {
        var (_, request) = await PostAsync(TestNotifications.Hostile());

        using var json = JsonDocument.Parse(request.Body);
        var body = json.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("body");
        var title = body[0].GetProperty("text").GetString();
        var text = body[1].GetProperty("text").GetString();
        var reason = body[2].GetProperty("facts")[0].GetProperty("value").GetString();
        var comment = body[2].GetProperty("facts")[1].GetProperty("value").GetString();

        Assert.Equal("contoso-web 1.5.0: approved by \\<\\!channel\\> \\*\\*boss\\*\\*", title);
        Assert.Equal(
            "Deploy & pray \\<script\\>alert\\(1\\)\\</script\\> \\[click\\]\\(https://evil.test\\) \\{\\{DATE\\(2026-01-01T00:00:00Z, SHORT\\)\\}\\} \\<https://evil.test\\|login\\>\n\\- item\n\\1. first",
            text);
        Assert.Equal("\\<@U123\\> & \\`rm -rf\\` \\_x\\_ \\~y\\~ \\!\\[img\\]\\(https://evil.test/x.png\\)", reason);
        Assert.Equal("line1\nline2 bell", comment);
    }

    [Theory]
    [InlineData(200, "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0", false, true)]
    [InlineData(200, "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 413 with ContextId tcid=0", false, false)]
    [InlineData(200, "1", true, false)]
    [InlineData(202, "", true, false)]
    [InlineData(400, "Bad payload", false, false)]
    [InlineData(502, "", false, true)]
    public async Task SendAsync_Answer_IsClassifiedIncludingLegacyConnectorErrorsSentWith200(int status, string answer, bool succeeded, bool retryable)
    {
        var (response, _) = await PostAsync(TestNotifications.Plain(), new StandInAnswer(status, answer));

        Assert.Equal((succeeded, retryable, status), (response.Succeeded, response.Retryable, response.StatusCode!.Value));
    }
}
