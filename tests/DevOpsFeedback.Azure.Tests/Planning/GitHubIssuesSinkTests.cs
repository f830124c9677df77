using System.Text.Json.Nodes;
using DevOpsFeedback.Feedback;
using Microsoft.AspNetCore.Http;

namespace DevOpsFeedback.Azure.Planning;

public sealed class GitHubIssuesSinkTests : IAsyncLifetime
{
    private GitHubStandIn _gitHub = null!;

    public async Task InitializeAsync() => _gitHub = await GitHubStandIn.StartAsync();

    public async Task DisposeAsync() => await _gitHub.DisposeAsync();

    private GitHubIssuesSink Sink(string token = GitHubStandIn.Token, string repo = GitHubStandIn.Repo) =>
        new(new GitHubIssuesSinkOptions { ApiUrl = _gitHub.ApiUrl, Owner = GitHubStandIn.Owner, Repository = repo }, token, SinkTestItems.NoRetries());

    [Fact]
    public async Task UpsertAsync_NewKey_CreatesLabelledIssueWithEscapedBody()
    {
        var item = SinkTestItems.Item();

        var result = await Sink().UpsertAsync(item, CancellationToken.None);

        Assert.True(result.Created);
        var issue = Assert.Single(_gitHub.Issues);
        Assert.Equal(item.Title, issue["title"]!.GetValue<string>());
        Assert.Contains(issue["labels"]!.AsArray(), l => l!["name"]!.GetValue<string>() == $"fp:{item.Key}");
        var body = issue["body"]!.GetValue<string>();
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.EndsWith($"<!-- fp:{item.Key} -->\n", body, StringComparison.Ordinal);
        Assert.Equal($"https://github.com/contoso/web/issues/{result.ExternalId}", result.Url);
    }

    [Fact]
    public async Task UpsertAsync_SameKeyWithPullRequestCarryingLabel_UpdatesTheIssueNotThePr()
    {
        var item = SinkTestItems.Item();
        var sink = Sink();
        var first = await sink.UpsertAsync(item, CancellationToken.None);
        _gitHub.AddPullRequest($"fp:{item.Key}");

        var second = await sink.UpsertAsync(item with { Title = "updated title" }, CancellationToken.None);

        Assert.False(second.Created);
        Assert.Equal(first.ExternalId, second.ExternalId);
        Assert.Equal(2, _gitHub.Issues.Count);
        Assert.Equal("updated title", _gitHub.Issues.Single(i => i["pull_request"] is null)["title"]!.GetValue<string>());
        Assert.Equal("a PR", _gitHub.Issues.Single(i => i["pull_request"] is not null)["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_BadToken_401_IsAnError()
    {
        var ex = await Assert.ThrowsAsync<PlanningSinkException>(() => Sink(token: "ghp_revoked").UpsertAsync(SinkTestItems.Item(), CancellationToken.None));
        Assert.Equal(401, ex.Status);
        Assert.Contains("Bad credentials", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_gitHub.Issues);
    }

    [Fact]
    public async Task UpsertAsync_UnknownRepository_404_IsAnError()
    {
        var ex = await Assert.ThrowsAsync<PlanningSinkException>(() => Sink(repo: "other").UpsertAsync(SinkTestItems.Item(), CancellationToken.None));
        Assert.Equal(404, ex.Status);
    }

    [Fact]
    public async Task UpsertAsync_MissingTitle_422_IsAnError()
    {
        var ex = await Assert.ThrowsAsync<PlanningSinkException>(() => Sink().UpsertAsync(SinkTestItems.Item(title: ""), CancellationToken.None));
        Assert.Equal(422, ex.Status);
        Assert.Contains("Validation Failed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(410, null, "issues are disabled")]
    [InlineData(403, "0", "rate limit exhausted")]
    [InlineData(403, "12", "forbidden or secondary rate limit")]
    [InlineData(429, null, "429: rate limited")]
    [InlineData(503, null, "answered 503")]
    public async Task UpsertAsync_ServiceFault_IsAnError(int status, string? remaining, string expected)
    {
        _gitHub.Fault = async ctx =>
        {
            if (remaining is not null) ctx.Response.Headers["x-ratelimit-remaining"] = remaining;
            await GitHubStandIn.Json(ctx, status, new JsonObject { ["message"] = "fault" });
            return true;
        };

        var ex = await Assert.ThrowsAsync<PlanningSinkException>(() => Sink().UpsertAsync(SinkTestItems.Item(), CancellationToken.None));
        Assert.Equal(status, ex.Status);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_ListIsNotJson_IsAnError()
    {
        _gitHub.Fault = async ctx =>
        {
            ctx.Response.ContentType = "text/html";
            await ctx.Response.WriteAsync("<html>Unicorn!</html>");
            return true;
        };

        var ex = await Assert.ThrowsAsync<PlanningSinkException>(() => Sink().UpsertAsync(SinkTestItems.Item(), CancellationToken.None));
        Assert.Contains("not JSON", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad owner", "web")]
    [InlineData("contoso", "")]
    public void Constructor_BadOptions_Throws(string owner, string repo)
    {
        Assert.Throws<ArgumentException>(() => new GitHubIssuesSink(new GitHubIssuesSinkOptions { Owner = owner, Repository = repo }, "t"));
    }
}
