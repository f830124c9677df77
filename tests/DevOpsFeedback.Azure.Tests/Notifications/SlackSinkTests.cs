using System.Text.Json;
using DevOpsFeedback.Notifications;

namespace DevOpsFeedback.Azure.Notifications;

public sealed class SlackSinkTests
{
    private static async Task<(SinkResponse Response, CapturedRequest Request)> PostAsync(Notification n, StandInAnswer? answer = null)
    {
        await using var standIn = await WebhookStandIn.StartAsync(_ => answer ?? new StandInAnswer(200, "ok"));
        var sink = new SlackSink(NotificationHttp.CreatePipeline(TestNotifications.FastDelivery()));
        var response = await sink.SendAsync(TestNotifications.Endpoint("slack", standIn.Url("services/T000/B000/XXXX")), n, CancellationToken.None);
        return (response, Assert.Single(standIn.Requests));
    }

    /// <summary>Every string in the payload, wherever it sits.</summary>
    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [Fact]
    public async Task SendAsync_Notification_PostsFallbackTextAndBlocksWithFieldsButtonsAndContext()
    {
        var (response, request) = await PostAsync(TestNotifications.Hostile());

        Assert.Equal(SinkResponse.Delivered(200), response);
        Assert.Equal("/services/T000/B000/XXXX", request.Path);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.String, root.GetProperty("text").ValueKind);
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["section", "section", "actions", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("mrkdwn", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.True(blocks[0].GetProperty("text").GetProperty("verbatim").GetBoolean());
        Assert.Equal(2, blocks[1].GetProperty("fields").GetArrayLength());
        var buttons = blocks[2].GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal(["https://dfb.contoso.test/api/releases/rel-42", "https://dfb.contoso.test/api/releases/rel-42/approve", "https://dfb.contoso.test/api/releases/rel-42/reject"], buttons.Select(b => b.GetProperty("url").GetString()));
        Assert.Equal("primary", buttons[1].GetProperty("style").GetString());
        Assert.Equal("danger", buttons[2].GetProperty("style").GetString());
        Assert.Equal(3, buttons.Select(b => b.GetProperty("action_id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task SendAsync_HostileText_HasAmpersandAndAngleBracketsEscapedEverywhere()
    {
        var (_, request) = await PostAsync(TestNotifications.Hostile());

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        var texts = Strings(root).Where(s => !s.StartsWith("https://", StringComparison.Ordinal)).ToList();
        Assert.All(texts, t => Assert.DoesNotContain('<', t));
        Assert.All(texts, t => Assert.DoesNotContain('>', t));
        Assert.All(texts, t => Assert.DoesNotMatch("&(?!amp;|lt;|gt;)", t));
        var section = root.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString();
        Assert.Equal(
            ":warning: *contoso-web 1.5.0: approved by &lt;!channel&gt; **boss***\nDeploy &amp; pray &lt;script&gt;alert(1)&lt;/script&gt; [click](https://evil.test) {{DATE(2026-01-01T00:00:00Z, SHORT)}} &lt;https://evil.test|login&gt;\n- item\n1. first",
            section);
        var fields = root.GetProperty("blocks")[1].GetProperty("fields");
        Assert.Equal("*Reason*\n&lt;@U123&gt; &amp; `rm -rf` _x_ ~y~ ![img](https://evil.test/x.png)", fields[0].GetProperty("text").GetString());
        Assert.Equal("*Comment*\nline1\nline2 bell", fields[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task SendAsync_ManyFacts_SplitsFieldsTenPerSection()
    {
        var n = TestNotifications.Plain() with { Facts = [.. Enumerable.Range(1, 14).Select(i => new NotificationFact($"F{i}", $"v{i}"))] };

        var (_, request) = await PostAsync(n);

        using var json = JsonDocument.Parse(request.Body);
        var sections = json.RootElement.GetProperty("blocks").EnumerateArray().Where(b => b.TryGetProperty("fields", out _)).ToList();
        Assert.Equal([10, 4], sections.Select(s => s.GetProperty("fields").GetArrayLength()));
    }

    [Theory]
    [InlineData(404, "no_service", null, false, null)]
    [InlineData(410, "channel_is_archived", null, false, null)]
    [InlineData(400, "invalid_payload", null, false, null)]
    [InlineData(429, "rate_limited", "7", true, 7)]
    [InlineData(500, "rollup_error", null, true, null)]
    public async Task SendAsync_SlackError_IsAFailedResponseWithItsCodeAndRetryAfter(int status, string error, string? retryAfter, bool retryable, int? retryAfterSeconds)
    {
        var (response, _) = await PostAsync(TestNotifications.Plain(), new StandInAnswer(status, error, retryAfter));

        Assert.False(response.Succeeded);
        Assert.Equal(retryable, response.Retryable);
        Assert.Equal($"HTTP {status}: {error}", response.Error);
        Assert.Equal(retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, response.RetryAfter);
    }
}
