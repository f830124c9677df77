using System.Net;
using System.Text.Json;
using DevOpsFeedback.Api;
using DevOpsFeedback.Releases;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace DevOpsFeedback.Functions;

public sealed class HttpApiTests
{
    private const string Commit = "9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static DurableHarness Harness()
    {
        var harness = new DurableHarness(Start);
        harness.World.AddApp("shop", "1.0.0", "c1");
        harness.World.Build("shop", "1.1.0", Commit, "c1");
        return harness;
    }

    private static TestHttpResponseData Written(Microsoft.Azure.Functions.Worker.Http.HttpResponseData response) => Assert.IsType<TestHttpResponseData>(response);

    [Fact]
    public async Task Health_Get_Returns200StatusOk()
    {
        var response = Written(await HttpApi.Health(TestHttpRequestData.Create("GET", "https://dfb.example/api/health")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(response.Text);
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Single(body.RootElement.EnumerateObject());
    }

    [Theory]
    [InlineData("{", "body")]
    [InlineData("""{"app":"shop","candidateVersion":"1.1.0","changeType":"standard","requestedBy":"ci"}""", "candidateCommit")]
    [InlineData("""{"app":"shop","candidateVersion":"1.1.0","candidateCommit":"9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b","changeType":"sometimes","requestedBy":"ci"}""", "changeType")]
    [InlineData("""{"app":"shop","candidateVersion":"1.1.0","candidateCommit":"9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b","changeType":"standard","requestedBy":"ci","colour":"red"}""", "colour")]
    public async Task CreateRelease_BadBody_Returns400ProblemNamingTheFieldAndStoresNothing(string json, string field)
    {
        var harness = Harness();
        var api = new HttpApi(harness.Factory);

        var response = Written(await api.CreateRelease(TestHttpRequestData.Create("POST", "https://dfb.example/api/releases", json), harness.Client.Object));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ApiProblem.ContentType, response.Header("Content-Type"));
        using var problem = JsonDocument.Parse(response.Text);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var names = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains(names, n => n.Contains(field, StringComparison.Ordinal));
        Assert.Empty(harness.Scheduled);
        Assert.Empty(await harness.World.Store.ListByAppAsync("shop", CancellationToken.None));
    }

    [Fact]
    public async Task CreateRelease_BodyOverOneMebibyte_Returns413()
    {
        var harness = Harness();
        var body = new byte[StrictJson.MaxBodyBytes + 1];
        Array.Fill(body, (byte)' ');

        var response = Written(await new HttpApi(harness.Factory).CreateRelease(TestHttpRequestData.Create("POST", "https://dfb.example/api/releases", body), harness.Client.Object));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(ApiProblem.ContentType, response.Header("Content-Type"));
        Assert.Empty(harness.Scheduled);
    }

    [Fact]
    public async Task CreateRelease_ValidBody_Returns202WithStatusUrlAndStartsTheOrchestrationUnderTheReleaseId()
    {
        var harness = Harness();
        var json = $$"""{"releaseId":"rel-http-1","app":"shop","candidateVersion":"1.1.0","candidateCommit":"{{Commit}}","changeType":"standard","requestedBy":"ci"}""";

        var response = Written(await new HttpApi(harness.Factory).CreateRelease(TestHttpRequestData.Create("POST", "https://dfb.example/api/releases", json), harness.Client.Object));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("https://dfb.example/api/releases/rel-http-1", response.Header("Location"));
        using var accepted = JsonDocument.Parse(response.Text);
        Assert.Equal("rel-http-1", accepted.RootElement.GetProperty("releaseId").GetString());
        harness.Client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.Is<TaskName>(n => n.Name == nameof(ReleaseOrchestrator.RunRelease)), "rel-http-1",
            It.Is<StartOrchestrationOptions?>(o => o != null && o.InstanceId == "rel-http-1"), It.IsAny<CancellationToken>()), Times.Once);
        Assert.True((await harness.Desk.LoadAsync("rel-http-1", CancellationToken.None)).Exists);
    }

    [Fact]
    public async Task CreateRelease_SameReleaseIdTwice_SecondAnswers200AndSchedulesNothingMore()
    {
        var harness = Harness();
        var api = new HttpApi(harness.Factory);
        var json = $$"""{"releaseId":"rel-http-2","app":"shop","candidateVersion":"1.1.0","candidateCommit":"{{Commit}}","changeType":"standard","requestedBy":"ci"}""";
        await api.CreateRelease(TestHttpRequestData.Create("POST", "https://dfb.example/api/releases", json), harness.Client.Object);

        var again = Written(await api.CreateRelease(TestHttpRequestData.Create("POST", "https://dfb.example/api/releases", json), harness.Client.Object));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(harness.Scheduled);
    }

    [Fact]
    public async Task Rollback_UnknownRelease_Returns404Problem()
    {
        var harness = Harness();

        var response = Written(await new HttpApi(harness.Factory).Rollback(
            TestHttpRequestData.Create("POST", "https://dfb.example/api/releases/rel-nope/rollback", """{"requestedBy":"alice","reason":"errors"}"""),
            harness.Client.Object, "rel-nope"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ApiProblem.ContentType, response.Header("Content-Type"));
    }

    [Fact]
    public async Task GetRelease_BadId_Returns400NamingReleaseId()
    {
        var harness = Harness();

        var response = Written(await new HttpApi(harness.Factory).GetRelease(
            TestHttpRequestData.Create("GET", "https://dfb.example/api/releases/x"), harness.Client.Object, "bad id!"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("releaseId", response.Text, StringComparison.Ordinal);
    }
}
