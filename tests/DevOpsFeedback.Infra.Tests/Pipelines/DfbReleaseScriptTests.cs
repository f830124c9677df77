using System.Diagnostics;

namespace DevOpsFeedback.Infra.Tests.Pipelines;

/// <summary>Runs samples/pipelines/dfb-release.sh (bash, curl, jq) against a loopback stand-in of the release API.</summary>
public sealed class DfbReleaseScriptTests
{
    private const string Key = "test-key-not-a-secret";
    private const string Accepted = """{"releaseId":"rel-1","status":"queued","statusUrl":"/api/releases/rel-1"}""";
    private static readonly TimeSpan ScriptDeadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string?, string?, int, string> TerminalStates() => new()
    {
        { "succeeded", "succeeded", null, 0, "succeeded" },
        { "completed", "rolledBack", "5xx rate 12% above 2% during bake", 1, "5xx rate 12% above 2% during bake" },
        { "blocked", null, "change window closed until Monday 06:00", 1, "change window closed until Monday 06:00" },
        { "rejected", null, "rejected by alice: missing rollback rehearsal", 1, "rejected by alice: missing rollback rehearsal" },
        { "rolled-back", null, "alert myapp-http5xx fired", 1, "alert myapp-http5xx fired" },
        { "failed", null, "swap failed: 409 Conflict", 1, "swap failed: 409 Conflict" },
    };

    [Theory]
    [MemberData(nameof(TerminalStates))]
    public async Task Run_ReleaseReachesTerminalState_ExitCodeAndReasonFollowIt(string status, string? outcome, string? reason, int expectedExit, string expectedText)
    {
        await using var api = new ReleaseApiStandIn(Key, 202, Accepted,
        [
            ReleaseApiStandIn.State("running", "smoke-test"),
            ReleaseApiStandIn.State("running", "bake"),
            ReleaseApiStandIn.State(status, "done", outcome, reason),
        ]);

        var result = await RunScriptAsync(api, new Dictionary<string, string>());

        Assert.Equal(expectedExit, result.ExitCode);
        Assert.Contains(expectedText, result.Output, StringComparison.Ordinal);
        Assert.Equal(3, api.Requests.Count(r => r.Method == "GET" && r.Path == "/api/releases/rel-1"));
        Assert.All(api.Requests, r => Assert.Equal(Key, r.Key));
    }

    [Fact]
    public async Task Run_PostsTheReleaseContract()
    {
        await using var api = new ReleaseApiStandIn(Key, 202, Accepted, [ReleaseApiStandIn.State("succeeded", "done")]);

        var result = await RunScriptAsync(api, new Dictionary<string, string>
        {
            ["DFB_RELEASE_ID"] = "rel-42",
            ["DFB_CHANGE_TYPE"] = "normal",
            ["DFB_DATABASE_CHANGE"] = "expand",
            ["DFB_ROLLBACK_PLAN"] = "Swap back.",
            ["DFB_WORK_ITEM_URL"] = "https://dev.azure.com/contoso/web/_workitems/edit/4711",
        });

        Assert.Equal(0, result.ExitCode);
        var posted = api.PostedRelease;
        Assert.NotNull(posted);
        Assert.Equal("rel-42", (string?)posted["releaseId"]);
        Assert.Equal("contoso-web-dev", (string?)posted["app"]);
        Assert.Equal("1.5.0", (string?)posted["candidateVersion"]);
        Assert.Equal(new string('a', 40), (string?)posted["candidateCommit"]);
        Assert.Equal("normal", (string?)posted["changeType"]);
        Assert.Equal("expand", (string?)posted["databaseChange"]);
        Assert.Equal("Swap back.", (string?)posted["rollbackPlan"]);
        Assert.Equal("tests:dfb-release", (string?)posted["requestedBy"]);
        Assert.Equal("https://dev.azure.com/contoso/web/_workitems/edit/4711", (string?)posted["workItems"]?[0]);
    }

    [Fact]
    public async Task Run_PostRejectedWithProblem_ExitsTwoAndPrintsTheProblem()
    {
        const string problem = """{"title":"One or more validation errors occurred.","status":400,"errors":{"candidateCommit":["must be 40 hex characters"]}}""";
        await using var api = new ReleaseApiStandIn(Key, 400, problem, []);

        var result = await RunScriptAsync(api, new Dictionary<string, string>());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("candidateCommit", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Requests, r => r.Method == "GET");
    }

    [Theory]
    [InlineData(2, 0)] // two 503s while following: retried, the release's own outcome decides
    [InlineData(3, 2)] // as many failures as allowed: the pipeline gives up with a clear error
    public async Task Run_TransientPollFailures_AreRetriedUpToTheLimit(int failingGets, int expectedExit)
    {
        await using var api = new ReleaseApiStandIn(Key, 202, Accepted, [ReleaseApiStandIn.State("succeeded", "done")], failingGets);

        var result = await RunScriptAsync(api, new Dictionary<string, string> { ["DFB_MAX_POLL_ERRORS"] = "3" });

        Assert.Equal(expectedExit, result.ExitCode);
        Assert.Contains("answered 503", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ApiUnreachable_ExitsTwo()
    {
        int port;
        await using (var api = new ReleaseApiStandIn(Key, 202, Accepted, []))
        {
            port = api.Port;
        }

        await using var other = new ReleaseApiStandIn(Key, 202, Accepted, []);
        var result = await RunScriptAsync(other, new Dictionary<string, string> { ["DFB_API_BASE_URL"] = $"http://127.0.0.1:{port}/api" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("answered 000", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DFB_CANDIDATE_COMMIT", "not-a-commit", "DFB_CANDIDATE_COMMIT must be 40 or 64 hex characters")]
    [InlineData("DFB_APP", "", "DFB_APP is required")]
    [InlineData("DFB_POLL_SECONDS", "soon", "DFB_POLL_SECONDS must be a whole number")]
    public async Task Run_BadInput_ExitsTwoNamingTheVariableAndCallsNothing(string variable, string value, string expected)
    {
        await using var api = new ReleaseApiStandIn(Key, 202, Accepted, []);

        var result = await RunScriptAsync(api, new Dictionary<string, string> { [variable] = value });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(ReleaseApiStandIn api, Dictionary<string, string> overrides)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryFiles.Root, "samples", "pipelines", "dfb-release.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "GITHUB_ACTIONS", "TF_BUILD", "DFB_FUNCTION_APP", "DFB_RESOURCE_GROUP", "DFB_RELEASE_ID" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DFB_API_BASE_URL"] = api.BaseUrl;
        start.Environment["DFB_API_KEY"] = api.ApiKey;
        start.Environment["DFB_APP"] = "contoso-web-dev";
        start.Environment["DFB_CANDIDATE_VERSION"] = "1.5.0";
        start.Environment["DFB_CANDIDATE_COMMIT"] = new string('a', 40);
        start.Environment["DFB_REQUESTED_BY"] = "tests:dfb-release";
        start.Environment["DFB_POLL_SECONDS"] = "0";
        start.Environment["DFB_TIMEOUT_MINUTES"] = "1";
        foreach (var (name, value) in overrides)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        using var deadline = new CancellationTokenSource(ScriptDeadline);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dfb-release.sh did not finish within {ScriptDeadline}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
