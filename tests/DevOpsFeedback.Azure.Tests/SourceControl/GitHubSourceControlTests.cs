using System.Globalization;
using DevOpsFeedback.Azure.Loopback;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.SourceControl;

public sealed class GitHubSourceControlTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private GitHubStandIn _standIn = null!;
    private readonly ManualTimeProvider _time = new(Now);

    // main:  a ─ b ─ c (candidate, branched from b)
    //             └ h (hotfix on production, not merged)
    private string _a = "", _b = "", _c = "", _h = "", _m = "";

    public async Task InitializeAsync()
    {
        _standIn = await GitHubStandIn.StartAsync();
        _a = _standIn.Commit("a");
        _b = _standIn.Commit("b", _a);
        _c = _standIn.Commit("c", _b);
        _h = _standIn.Commit("h", _b);
        _m = _standIn.Commit("m", _c, _h);
    }

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    private GitHubSourceControl Control(Action<GitHubOptions>? configure = null) => new(_standIn.Options(configure), _time, _standIn.Server.Transport);

    [Fact]
    public async Task ContainsAsync_CandidateAheadOfProduction_Contained()
    {
        var result = await Control().ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.Equal((true, "ahead", 0), (result.Contained, result.Status, result.MissingCommits.Length));
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task ContainsAsync_EmptyTokenSetting_IsNoTokenForAPublicRepository()
    {
        var options = _standIn.Options(o => o.Token = "");
        Assert.Empty(options.Validate());

        var result = await new GitHubSourceControl(options, _time, _standIn.Server.Transport).ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.True(result.Contained);
        Assert.All(_standIn.Headers, h => Assert.Equal("", h.Authorization));
    }

    [Fact]
    public async Task ContainsAsync_SameCommit_ContainedAsIdentical()
    {
        var result = await Control().ContainsAsync("payments-api", _c, _c, CancellationToken.None);

        Assert.Equal((true, "identical"), (result.Contained, result.Status));
    }

    [Fact]
    public async Task ContainsAsync_HotfixMergedIntoCandidate_Contained()
    {
        var result = await Control().ContainsAsync("payments-api", _h, _m, CancellationToken.None);

        Assert.Equal((true, "ahead"), (result.Contained, result.Status));
    }

    [Fact]
    public async Task ContainsAsync_HotfixNotInCandidate_DivergedListingTheHotfix()
    {
        var result = await Control().ContainsAsync("payments-api", _h, _c, CancellationToken.None);

        Assert.Equal((false, "diverged"), (result.Contained, result.Status));
        Assert.Equal(_h, Assert.Single(result.MissingCommits));
    }

    [Fact]
    public async Task ContainsAsync_CandidateOlderThanProduction_BehindListingMissingCommits()
    {
        var result = await Control().ContainsAsync("payments-api", _m, _b[..12], CancellationToken.None);

        Assert.Equal((false, "behind"), (result.Contained, result.Status));
        Assert.Equal(string.Join(",", _c, _h, _m), string.Join(",", result.MissingCommits));
    }

    public static TheoryData<string, string, string, string?> CommitTimeCases => new()
    {
        // name, production, candidate, commit whose time is the candidate's (null: GitHub's answer does not show it)
        { "ahead: last of commits", "b", "c", "c" },
        { "identical: base_commit", "c", "c", "c" },
        { "hotfix merged: the merge commit", "h", "m", "m" },
        { "diverged: last of commits", "h", "c", "c" },
        { "candidate as a short SHA", "b", "c12", "c" },
        { "behind: commits is empty", "m", "b", null },
    };

    [Theory]
    [MemberData(nameof(CommitTimeCases))]
    public async Task ContainsAsync_CompareShowsHead_ReportsCandidateCommitterDate(string name, string production, string candidate, string? expected)
    {
        string Sha(string n) => n switch { "b" => _b, "c" => _c, "h" => _h, "m" => _m, "c12" => _c[..12], _ => throw new ArgumentException(n, nameof(n)) };

        var result = await Control().ContainsAsync("payments-api", Sha(production), Sha(candidate), CancellationToken.None);

        Assert.Null(result.Error);
        Assert.True(expected is null ? result.CandidateCommittedAt is null : result.CandidateCommittedAt == _standIn.CommittedAt(Sha(expected)), name);
    }

    [Fact]
    public async Task ContainsAsync_LastListedCommitIsNotTheCandidate_LeavesCommitTimeUnknown()
    {
        // More than GitHub lists (250) between base and head: the last entry is not the head, so its date is not the candidate's.
        _standIn.Script.Enqueue(new ScriptedResponse(200,
            $$$$"""{"status":"ahead","ahead_by":300,"behind_by":0,"commits":[{"sha":"{{{{_b}}}}","commit":{"committer":{"date":"2026-11-01T09:00:00Z"}}}]}"""));

        var result = await Control().ContainsAsync("payments-api", _a, _c, CancellationToken.None);

        Assert.Equal((true, "ahead"), (result.Contained, result.Status));
        Assert.Null(result.CandidateCommittedAt);
    }

    [Fact]
    public async Task ContainsAsync_CommitterDateWithOffset_NormalisedToUtc()
    {
        _standIn.Script.Enqueue(new ScriptedResponse(200,
            $$$$"""{"status":"ahead","ahead_by":1,"behind_by":0,"commits":[{"sha":"{{{{_c}}}}","commit":{"committer":{"date":"2026-11-01T11:30:00+02:00"}}}]}"""));

        var result = await Control().ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 9, 30, 0, TimeSpan.Zero), result.CandidateCommittedAt);
        Assert.Equal(TimeSpan.Zero, result.CandidateCommittedAt!.Value.Offset);
    }

    [Fact]
    public async Task ContainsAsync_ManyMissingCommits_PagesThroughReverseComparison()
    {
        var tip = _c;
        for (var i = 0; i < 230; i++) tip = _standIn.Commit("hotfix-" + i.ToString(CultureInfo.InvariantCulture), tip);

        var result = await Control(o => o.MaxMissingCommits = 500).ContainsAsync("payments-api", tip, _b, CancellationToken.None);

        Assert.Equal((false, "behind"), (result.Contained, result.Status));
        Assert.Equal(231, result.MissingCommits.Length);
        Assert.Equal(231, result.MissingCommits.Distinct().Count());
        Assert.Contains(_standIn.Paths, p => p.Contains("page=3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContainsAsync_MoreMissingThanCap_ListsUpToCap()
    {
        var result = await Control(o => o.MaxMissingCommits = 2).ContainsAsync("payments-api", _m, _a, CancellationToken.None);

        Assert.False(result.Contained);
        Assert.Equal(2, result.MissingCommits.Length);
    }

    [Fact]
    public async Task ContainsAsync_AnyCall_SendsTokenAndApiHeaders()
    {
        await Control().ContainsAsync("payments-api", _h, _c, CancellationToken.None);

        Assert.Equal(2, _standIn.Headers.Count);
        Assert.All(_standIn.Headers, h => Assert.Equal(("Bearer " + GitHubStandIn.Token, "application/vnd.github+json", "2022-11-28"), h));
    }

    [Fact]
    public async Task ContainsAsync_TokenRejected_FailsAsBadCredentialsWithoutLeakingToken()
    {
        var result = await Control(o => o.Token = "wrong-token").ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.Null(result.Contained);
        Assert.Contains("401", result.Error);
        Assert.Contains("Bad credentials", result.Error);
        Assert.DoesNotContain("wrong-token", result.Error);
    }

    [Fact]
    public async Task ContainsAsync_UnknownCommit_FailsAsNotFound()
    {
        var result = await Control().ContainsAsync("payments-api", "deadbeefdeadbeef", _c, CancellationToken.None);

        Assert.Null(result.Contained);
        Assert.Contains("404", result.Error);
        Assert.Contains("not found", result.Error);
    }

    [Theory]
    [InlineData("main", "productionCommit")]
    [InlineData("abc", "productionCommit")]
    [InlineData("abcdef0/../../x", "productionCommit")]
    public async Task ContainsAsync_CommitNotASha_FailsNamingFieldWithoutCallingGitHub(string production, string field)
    {
        var result = await Control().ContainsAsync("payments-api", production, _c, CancellationToken.None);

        Assert.Null(result.Contained);
        Assert.Contains(field, result.Error);
        Assert.Equal(0, _standIn.RequestCount);
    }

    [Fact]
    public async Task ContainsAsync_AppWithoutRepository_FailsNamingSetting()
    {
        var result = await Control().ContainsAsync("unknown", _b, _c, CancellationToken.None);

        Assert.Contains("GitHub:Repositories", result.Error);
    }

    [Fact]
    public async Task ContainsAsync_PrimaryRateLimitResetSoon_WaitsUntilResetThenSucceeds()
    {
        _standIn.Script.Enqueue(new ScriptedResponse(403, """{"message":"API rate limit exceeded for installation."}""", new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000", ["x-ratelimit-remaining"] = "0", ["x-ratelimit-used"] = "5000",
            ["x-ratelimit-reset"] = Now.AddSeconds(20).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }));

        var result = await Control().ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.True(result.Contained, result.Error);
        Assert.Equal([TimeSpan.FromSeconds(20)], _time.Waits);
        Assert.Equal(2, _standIn.RequestCount);
    }

    [Fact]
    public async Task ContainsAsync_PrimaryRateLimitResetFarAway_FailsSayingWhenItResets()
    {
        _standIn.Script.Enqueue(new ScriptedResponse(429, """{"message":"API rate limit exceeded"}""", new Dictionary<string, string>
        {
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset"] = Now.AddMinutes(40).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }));

        var result = await Control().ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.Null(result.Contained);
        Assert.Contains("rate limit", result.Error);
        Assert.Contains("2026-11-20T10:40:00Z", result.Error);
        Assert.Empty(_time.Waits);
        Assert.Equal(1, _standIn.RequestCount);
    }

    [Fact]
    public async Task ContainsAsync_SecondaryRateLimitWithRetryAfter_WaitsThatLongThenSucceeds()
    {
        _standIn.Script.Enqueue(new ScriptedResponse(403, """{"message":"You have exceeded a secondary rate limit."}""",
            new Dictionary<string, string> { ["retry-after"] = "7" }));

        var result = await Control().ContainsAsync("payments-api", _h, _c, CancellationToken.None);

        Assert.False(result.Contained);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Waits);
    }

    [Fact]
    public async Task ContainsAsync_RateLimitedEveryTime_GivesUpAfterConfiguredRetries()
    {
        _standIn.Script.Enqueue(new ScriptedResponse(429, """{"message":"slow down"}""", new Dictionary<string, string> { ["retry-after"] = "1" }), times: 5);

        var result = await Control(o => o.MaxRateLimitRetries = 2).ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.Null(result.Contained);
        Assert.Contains("rate limit exceeded (429)", result.Error);
        Assert.Equal(3, _standIn.RequestCount);
        Assert.Equal(2, _time.Waits.Count);
    }

    [Fact]
    public async Task ContainsAsync_ForbiddenWithoutRateLimitHeaders_FailsAsAccessDenied()
    {
        _standIn.Script.Enqueue(new ScriptedResponse(403, """{"message":"Resource not accessible by integration"}"""));

        var result = await Control().ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.Null(result.Contained);
        Assert.Contains("403 (access denied): Resource not accessible by integration", result.Error);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task ContainsAsync_ServerErrorsThenOk_RetriedByPipeline()
    {
        _standIn.Script.Enqueue(new ScriptedResponse(502, """{"message":"Server Error"}"""), times: 2);

        var result = await Control().ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.True(result.Contained, result.Error);
        Assert.Equal(3, _standIn.RequestCount);
    }

    [Fact]
    public async Task ContainsAsync_ServerErrorPersists_Fails()
    {
        _standIn.Script.Enqueue(new ScriptedResponse(503, """{"message":"Service Unavailable"}"""), times: 3);

        var result = await Control().ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.Null(result.Contained);
        Assert.Contains("503 (server error)", result.Error);
    }

    [Fact]
    public async Task ContainsAsync_ServerNeverAnswers_FailsAsTimeout()
    {
        _standIn.Script.Enqueue(ScriptedResponse.Hangs());

        var result = await Control(o => { o.NetworkTimeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 0; })
            .ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.Null(result.Contained);
        Assert.Contains("did not answer in time", result.Error);
    }

    [Theory]
    [InlineData("<html>unicorn</html>", "malformed comparison")]
    [InlineData("""{"ahead_by":1,"behind_by":0,"commits":[]}""", "'status' is missing")]
    [InlineData("""{"status":"ahead","behind_by":0,"commits":[]}""", "'ahead_by' is missing")]
    [InlineData("""{"status":"ahead","ahead_by":1,"behind_by":0}""", "'commits' is missing")]
    [InlineData("""{"status":"ahead","ahead_by":1,"behind_by":0,"commits":[{"sha":42}]}""", "commits[0].sha")]
    [InlineData("""{"status":"sideways","ahead_by":1,"behind_by":0,"commits":[]}""", "unknown comparison status 'sideways'")]
    [InlineData("""{"status":"behind","ahead_by":0,"behind_by":-3,"commits":[]}""", "'behind_by' is missing or not a count")]
    [InlineData("""{"status":"ahead","ahead_by":1,"behind_by":0,"commits":[{"sha":"0123456789abcdef0123456789abcdef01234567","commit":{"committer":{"date":"yesterday"}}}]}""", "commits[0].commit.committer.date is not a date")]
    [InlineData("""{"status":"identical","ahead_by":0,"behind_by":0,"base_commit":{"sha":"0123456789abcdef0123456789abcdef01234567","commit":{"committer":{"date":17}}},"commits":[]}""", "base_commit.commit.committer.date is not a date")]
    public async Task ContainsAsync_MalformedResponse_Fails(string body, string expected)
    {
        _standIn.Script.Enqueue(new ScriptedResponse(200, body));

        var result = await Control().ContainsAsync("payments-api", _b, _c, CancellationToken.None);

        Assert.Null(result.Contained);
        Assert.Contains(expected, result.Error);
    }

    [Theory]
    [InlineData("http://api.github.com", "GitHub:ApiBaseUrl")]
    [InlineData("token with space", "GitHub:Token")]
    [InlineData("repo-without-owner", "GitHub:Repositories:payments-api")]
    public void Constructor_InvalidOption_ThrowsNamingSetting(string value, string expected)
    {
        var options = _standIn.Options(o =>
        {
            if (expected.EndsWith("ApiBaseUrl", StringComparison.Ordinal)) o.ApiBaseUrl = new Uri(value);
            else if (expected.EndsWith("Token", StringComparison.Ordinal)) o.Token = value;
            else o.Repositories["payments-api"] = value;
        });

        var error = Assert.Throws<ArgumentException>(() => new GitHubSourceControl(options, _time));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("token with space", error.Message);
    }
}
