using DevOpsFeedback.Api;
using DevOpsFeedback.Azure.Planning;
using DevOpsFeedback.Feedback;
using DevOpsFeedback.Storage;
using Microsoft.Extensions.Configuration;

namespace DevOpsFeedback.Azure.Hosting;

public sealed class PlanningDigestOptionsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
    private GitHubStandIn _gitHub = null!;

    public async Task InitializeAsync() => _gitHub = await GitHubStandIn.StartAsync();

    public async Task DisposeAsync() => await _gitHub.DisposeAsync();

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class NoDeliveries : IDeliverySignals
    {
        public Task<IReadOnlyList<DeploymentRecord>> GetDeploymentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DeploymentRecord>>([]);

        public Task<IReadOnlyList<IncidentRecord>> GetIncidentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IncidentRecord>>(
                [new IncidentRecord("web", "inc-1", "Sev1", "5xx <b>spike</b>", Now.AddDays(-2), Now.AddDays(-2).AddMinutes(40))]);
    }

    private static PlanningDigestOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var options = new PlanningDigestOptions();
        configuration.GetSection(PlanningDigestOptions.SectionName).Bind(options);
        return options;
    }

    private (string, string)[] GitHubSettings(string token = GitHubStandIn.Token) =>
    [
        ("PlanningDigest:Sink", "github-issues"),
        ("PlanningDigest:GitHubSink:ApiUrl", _gitHub.ApiUrl.ToString()),
        ("PlanningDigest:GitHubSink:Owner", GitHubStandIn.Owner),
        ("PlanningDigest:GitHubSink:Repository", GitHubStandIn.Repo),
        ("PlanningDigest:GitHubToken", token),
    ];

    private static async Task<InMemoryDocumentStore> StoreWithFeedbackAsync()
    {
        var store = new InMemoryDocumentStore();
        var feedback = Enumerable.Range(0, 25).Select(i => new FeedbackRecord($"f{i:D3}", "web", "1.0.0", false, 2, FeedbackCategory.Bug,
            "Export fails on large reports", $"u{i}", null, Now.AddDays(-3).AddMinutes(i))).ToList();
        await new FeedbackRepository(store).AddAsync(feedback, CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task CreateSink_GitHubFromConfiguration_DigestFilesIssuesOnceAndUpdatesThemOnTheNextRun()
    {
        var options = Bind(GitHubSettings());
        var store = await StoreWithFeedbackAsync();
        var digest = new PlanningDigest(store, new NoDeliveries(), options.CreateSink(null, SinkTestItems.NoRetries()), new FixedTime(Now), options.Period);

        var first = await digest.RunAsync(CancellationToken.None);
        var second = await digest.RunAsync(CancellationToken.None);

        Assert.Equal("github-issues", digest.SinkName);
        Assert.Equal(2, first!.Items);
        Assert.Equal((2, 0), (first.Created, first.Updated));
        Assert.Equal((0, 2), (second!.Created, second.Updated));
        Assert.Equal(2, _gitHub.Issues.Count);
        Assert.Equal(Now.AddDays(-28), first.Since);
    }

    [Fact]
    public async Task CreateSink_BadGitHubToken_DigestFailsWithTheSinkError()
    {
        var options = Bind(GitHubSettings(token: "ghp_revoked"));
        var digest = new PlanningDigest(await StoreWithFeedbackAsync(), new NoDeliveries(), options.CreateSink(null, SinkTestItems.NoRetries()), new FixedTime(Now), options.Period);

        var ex = await Assert.ThrowsAsync<PlanningSinkException>(() => digest.RunAsync(CancellationToken.None));

        Assert.Equal(401, ex.Status);
        Assert.Empty(_gitHub.Issues);
    }

    [Fact]
    public void CreateSink_NoSinkConfigured_IsOff()
    {
        var options = Bind();

        Assert.False(options.IsEnabled);
        Assert.Null(options.CreateSink(null));
        Assert.Equal("0 0 7 * * 1", options.Schedule);
        Assert.Equal(TimeSpan.FromDays(7), options.Interval);
    }

    [Fact]
    public void CreateSink_AzureBoardsWithPatOrIdentity_BuildsTheBoardsSink()
    {
        var options = Bind(("PlanningDigest:Sink", "azure-boards"), ("PlanningDigest:AzureBoardsSink:OrganizationUrl", "https://dev.azure.com/contoso"),
            ("PlanningDigest:AzureBoardsSink:Project", "web"), ("PlanningDigest:AzureBoardsToken", "pat"));

        Assert.IsType<AzureBoardsSink>(options.CreateSink(null));
        options.AzureBoardsToken = null;
        var ex = Assert.Throws<InvalidSettingsException>(() => options.CreateSink(null));
        Assert.Contains("PlanningDigest:AzureBoardsToken", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PlanningDigest:Sink", "jira", "PlanningDigest:Sink")]
    [InlineData("PlanningDigest:GitHubToken", "", "PlanningDigest:GitHubToken")]
    [InlineData("PlanningDigest:GitHubSink:Owner", "", "PlanningDigest:GitHubSink:Owner")]
    [InlineData("PlanningDigest:GitHubSink:Repository", "a/b", "PlanningDigest:GitHubSink:Repository")]
    [InlineData("PlanningDigest:PeriodDays", "0", "PlanningDigest:PeriodDays")]
    [InlineData("PlanningDigest:Interval", "00:00:10", "PlanningDigest:Interval")]
    public void Validate_BadSetting_NamesIt(string key, string value, string named)
    {
        var options = Bind([.. GitHubSettings().Where(s => s.Item1 != key), (key, value)]);

        var errors = options.Validate();

        Assert.Contains(errors, e => e.StartsWith(named, StringComparison.Ordinal));
        Assert.Throws<InvalidSettingsException>(() => options.CreateSink(null));
    }

    [Fact]
    public void Validate_AzureBoardsWithoutOrganization_NamesTheSetting()
    {
        var options = Bind(("PlanningDigest:Sink", "azure-boards"), ("PlanningDigest:AzureBoardsSink:Project", "web"));

        Assert.Contains(options.Validate(), e => e.StartsWith("PlanningDigest:AzureBoardsSink:OrganizationUrl", StringComparison.Ordinal));
    }
}
