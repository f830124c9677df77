using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DevOpsFeedback.Notifications;

namespace DevOpsFeedback.Azure.Notifications;

public sealed class JsonWebhookSinkTests
{
    [Fact]
    public async Task SendAsync_HostileNotification_PostsJsonThatCarriesEveryFieldExactlyAndNoRawMarkup()
    {
        await using var standIn = await WebhookStandIn.StartAsync(_ => new StandInAnswer(200));
        var sink = new JsonWebhookSink(NotificationHttp.CreatePipeline(TestNotifications.FastDelivery()));

        var response = await sink.SendAsync(TestNotifications.Endpoint("webhook", standIn.Url("hooks/audit?tenant=1")), TestNotifications.Hostile(), CancellationToken.None);

        Assert.Equal(SinkResponse.Delivered(200), response);
        var request = Assert.Single(standIn.Requests);
        Assert.Equal("/hooks/audit?tenant=1", request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("000007-approval-needed", request.Headers["X-Dfb-Notification"]);
        Assert.Equal("approval-needed", request.Headers["X-Dfb-Kind"]);
        Assert.False(request.Headers.ContainsKey("X-Dfb-Signature"));
        Assert.DoesNotContain("<script>", request.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", request.Text, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("approval-needed", root.GetProperty("kind").GetString());
        Assert.Equal("warning", root.GetProperty("severity").GetString());
        Assert.Equal("contoso-web", root.GetProperty("app").GetString());
        Assert.Equal("rel-42", root.GetProperty("releaseId").GetString());
        Assert.Equal(TestNotifications.HostileTitle, root.GetProperty("title").GetString());
        Assert.Equal(TestNotifications.HostileText, root.GetProperty("text").GetString());
        Assert.Equal("2026-11-23T10:15:00.0000000+00:00", root.GetProperty("at").GetString());
        Assert.Equal(TestNotifications.HostileReason, root.GetProperty("facts")[0].GetProperty("value").GetString());
        Assert.Equal("https://dfb.contoso.test/api/releases/rel-42/approve", root.GetProperty("links")[1].GetProperty("url").GetString());
    }

    [Fact]
    public async Task SendAsync_WithSecret_SignsTheExactBodyWithHmacSha256()
    {
        const string secret = "0123456789abcdef-secret";
        await using var standIn = await WebhookStandIn.StartAsync(_ => new StandInAnswer(204));
        var sink = new JsonWebhookSink(NotificationHttp.CreatePipeline(TestNotifications.FastDelivery()));

        await sink.SendAsync(TestNotifications.Endpoint("webhook", standIn.Url("hook"), secret), TestNotifications.Plain(), CancellationToken.None);

        var request = Assert.Single(standIn.Requests);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), request.Body));
        Assert.Equal(expected, request.Headers["X-Dfb-Signature"]);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public async Task SendAsync_ErrorStatus_IsAFailedResponseNotAnException(int status, bool retryable)
    {
        await using var standIn = await WebhookStandIn.StartAsync(_ => new StandInAnswer(status, "<html>oops</html>\r\n"));
        var sink = new JsonWebhookSink(NotificationHttp.CreatePipeline(TestNotifications.FastDelivery()));

        var response = await sink.SendAsync(TestNotifications.Endpoint("webhook", standIn.Url("hook")), TestNotifications.Plain(), CancellationToken.None);

        Assert.False(response.Succeeded);
        Assert.Equal((status, retryable), (response.StatusCode!.Value, response.Retryable));
        Assert.Equal($"HTTP {status}: <html>oops</html>", response.Error);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_IsUnreachableAndRetryableWithoutTheUrlPath()
    {
        var sink = new JsonWebhookSink(NotificationHttp.CreatePipeline(TestNotifications.FastDelivery()));
        var url = WebhookStandIn.RefusingUrl();

        var response = await sink.SendAsync(TestNotifications.Endpoint("webhook", url), TestNotifications.Plain(), CancellationToken.None);

        Assert.False(response.Succeeded);
        Assert.True(response.Retryable);
        Assert.Null(response.StatusCode);
        Assert.StartsWith("no answer: ", response.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/hooks/down", response.Error, StringComparison.Ordinal);
    }
}
