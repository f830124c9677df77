using System.Text.Json.Nodes;
using DevOpsFeedback.Feedback;
using Microsoft.AspNetCore.Http;

namespace DevOpsFeedback.Azure.Planning;

public sealed class AzureBoardsSinkTests : IAsyncLifetime
{
    private AzureDevOpsStandIn _devOps = null!;

    public async Task InitializeAsync() => _devOps = await AzureDevOpsStandIn.StartAsync();

    public async Task DisposeAsync() => await _devOps.DisposeAsync();

    private AzureBoardsSink Sink(string pat = AzureDevOpsStandIn.Pat, string project = AzureDevOpsStandIn.Project, string? area = null) =>
        new(new AzureBoardsSinkOptions { OrganizationUrl = _devOps.OrganizationUrl, Project = project, WorkItemType = "Issue", AreaPath = area },
            pat, SinkTestItems.NoRetries());

    [Fact]
    public async Task UpsertAsync_NewKey_CreatesTaggedWorkItemWithEncodedText()
    {
        var item = SinkTestItems.Item();

        var result = await Sink(area: "Web\\Ops").UpsertAsync(item, CancellationToken.None);

        Assert.True(result.Created);
        var fields = _devOps.Items[long.Parse(result.ExternalId, System.Globalization.CultureInfo.InvariantCulture)];
        Assert.Equal("Issue", fields["System.WorkItemType"]!.GetValue<string>());
        Assert.Equal(item.Title, fields["System.Title"]!.GetValue<string>());
        Assert.Contains($"fp:{item.Key}", fields["System.Tags"]!.GetValue<string>(), StringComparison.Ordinal);
        var description = fields["System.Description"]!.GetValue<string>();
        Assert.DoesNotContain("<script>", description, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", description, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;5.7%&lt;/b&gt; &amp; &#39;quoted&#39;", description, StringComparison.Ordinal);
        Assert.Equal(2, fields["Microsoft.VSTS.Common.Priority"]!.GetValue<int>());
        Assert.Equal($"{_devOps.OrganizationUrl}/Web/_workitems/edit/{result.ExternalId}", result.Url);
    }

    [Fact]
    public async Task UpsertAsync_SameKeyTwice_UpdatesTheOpenItem()
    {
        var sink = Sink();
        var first = await sink.UpsertAsync(SinkTestItems.Item(), CancellationToken.None);
        var second = await sink.UpsertAsync(SinkTestItems.Item(title: "Fix forward: web 1.1.0 rolled back (again)"), CancellationToken.None);

        Assert.False(second.Created);
        Assert.Equal(first.ExternalId, second.ExternalId);
        var only = Assert.Single(_devOps.Items);
        Assert.Equal("Fix forward: web 1.1.0 rolled back (again)", only.Value["System.Title"]!.GetValue<string>());
        Assert.Contains(_devOps.Requests, r => r.StartsWith("PATCH /contoso/Web/_apis/wit/workitems/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertAsync_ItemWithKeyClosed_CreatesANewOne()
    {
        var sink = Sink();
        var first = await sink.UpsertAsync(SinkTestItems.Item(), CancellationToken.None);
        _devOps.Close(long.Parse(first.ExternalId, System.Globalization.CultureInfo.InvariantCulture));

        var second = await sink.UpsertAsync(SinkTestItems.Item(), CancellationToken.None);

        Assert.True(second.Created);
        Assert.NotEqual(first.ExternalId, second.ExternalId);
    }

    [Fact]
    public async Task UpsertAsync_BadPat_SignInPage203_IsAnError()
    {
        var ex = await Assert.ThrowsAsync<PlanningSinkException>(() => Sink(pat: "expired").UpsertAsync(SinkTestItems.Item(), CancellationToken.None));
        Assert.Equal(203, ex.Status);
        Assert.Contains("sign-in", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_devOps.Items);
    }

    [Fact]
    public async Task UpsertAsync_UnknownProject_404_IsAnError()
    {
        var ex = await Assert.ThrowsAsync<PlanningSinkException>(() => Sink(project: "Nope").UpsertAsync(SinkTestItems.Item(), CancellationToken.None));
        Assert.Equal(404, ex.Status);
        Assert.Contains("TF200016", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_RuleError400_SurfacesTheServiceMessage()
    {
        var ex = await Assert.ThrowsAsync<PlanningSinkException>(() => Sink(area: "Elsewhere\\Team").UpsertAsync(SinkTestItems.Item(), CancellationToken.None));
        Assert.Equal(400, ex.Status);
        Assert.Contains("TF401347", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_devOps.Items);
    }

    [Theory]
    [InlineData(429, "application/json", "{\"message\":\"throttled\"}", "429: throttled")]
    [InlineData(401, "application/json", "{\"message\":\"TF400813: not authorized\"}", "not authorized")]
    [InlineData(500, "application/json", "{\"message\":\"boom\"}", "answered 500: boom")]
    [InlineData(200, "text/html", "<html>Sign in</html>", "not JSON")]
    [InlineData(200, "application/json", "{\"count\":0}", "no workItems array")]
    public async Task UpsertAsync_ServiceFault_IsAnError(int status, string contentType, string body, string expected)
    {
        _devOps.Fault = async ctx =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = contentType;
            if (status == 429) ctx.Response.Headers.RetryAfter = "10";
            await ctx.Response.WriteAsync(body);
            return true;
        };

        var ex = await Assert.ThrowsAsync<PlanningSinkException>(() => Sink().UpsertAsync(SinkTestItems.Item(), CancellationToken.None));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindOpenAsync_TagWithQuote_IsEscapedInWiql()
    {
        string? query = null;
        _devOps.Fault = async ctx =>
        {
            ctx.Request.EnableBuffering();
            query = (await JsonNode.ParseAsync(ctx.Request.Body))?["query"]?.GetValue<string>();
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("{\"workItems\":[]}");
            return true;
        };

        Assert.Null(await Sink().FindOpenAsync("fp:it's", CancellationToken.None));
        Assert.Contains("CONTAINS 'fp:it''s'", query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Web")]
    [InlineData("ftp://dev.azure.com/contoso", "Web")]
    [InlineData("https://dev.azure.com/contoso", "")]
    public void Constructor_BadOptions_Throws(string? url, string project)
    {
        var options = new AzureBoardsSinkOptions { OrganizationUrl = url is null ? null : new Uri(url), Project = project };
        Assert.Throws<ArgumentException>(() => new AzureBoardsSink(options, "pat"));
    }
}
