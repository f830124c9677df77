using DevOpsFeedback.Azure.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace DevOpsFeedback.Functions;

/// <summary>The HTTP API: each trigger reads its input, calls one use case, writes the result. Function keys on all but health.</summary>
public sealed class HttpApi(ReleaseApiFactory factory)
{
    [Function("Health")]
    public static async Task<HttpResponseData> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequestData req) =>
        await HttpResults.WriteAsync(req, Api.ApiResult.Ok(new { status = "ok" }));

    [Function("CreateRelease")]
    public Task<HttpResponseData> CreateRelease([HttpTrigger(AuthorizationLevel.Function, "post", Route = "releases")] HttpRequestData req, [DurableClient] DurableTaskClient client) =>
        HttpResults.HandleAsync(req, body => factory.Api(new DurableReleaseRunner(client)).CreateReleaseAsync(body, factory.BaseUrl(req.Url), req.FunctionContext.CancellationToken));

    [Function("GetRelease")]
    public async Task<HttpResponseData> GetRelease([HttpTrigger(AuthorizationLevel.Function, "get", Route = "releases/{id}")] HttpRequestData req, [DurableClient] DurableTaskClient client, string id) =>
        await HttpResults.WriteAsync(req, await factory.Api(new DurableReleaseRunner(client)).GetReleaseAsync(id, req.FunctionContext.CancellationToken));

    [Function("ApproveRelease")]
    public Task<HttpResponseData> Approve([HttpTrigger(AuthorizationLevel.Function, "post", Route = "releases/{id}/approve")] HttpRequestData req, [DurableClient] DurableTaskClient client, string id) =>
        HttpResults.HandleAsync(req, body => factory.Api(new DurableReleaseRunner(client)).ApproveAsync(id, body, req.FunctionContext.CancellationToken));

    [Function("RejectRelease")]
    public Task<HttpResponseData> Reject([HttpTrigger(AuthorizationLevel.Function, "post", Route = "releases/{id}/reject")] HttpRequestData req, [DurableClient] DurableTaskClient client, string id) =>
        HttpResults.HandleAsync(req, body => factory.Api(new DurableReleaseRunner(client)).RejectAsync(id, body, req.FunctionContext.CancellationToken));

    [Function("RollbackRelease")]
    public Task<HttpResponseData> Rollback([HttpTrigger(AuthorizationLevel.Function, "post", Route = "releases/{id}/rollback")] HttpRequestData req, [DurableClient] DurableTaskClient client, string id) =>
        HttpResults.HandleAsync(req, body => factory.Api(new DurableReleaseRunner(client)).RollbackAsync(id, body, req.FunctionContext.CancellationToken));

    [Function("GetApp")]
    public async Task<HttpResponseData> GetApp([HttpTrigger(AuthorizationLevel.Function, "get", Route = "apps/{app}")] HttpRequestData req, [DurableClient] DurableTaskClient client, string app) =>
        await HttpResults.WriteAsync(req, await factory.Api(new DurableReleaseRunner(client)).GetAppAsync(app, req.FunctionContext.CancellationToken));

    [Function("Backout")]
    public Task<HttpResponseData> Backout([HttpTrigger(AuthorizationLevel.Function, "post", Route = "apps/{app}/backout")] HttpRequestData req, [DurableClient] DurableTaskClient client, string app) =>
        HttpResults.HandleAsync(req, body => factory.Api(new DurableReleaseRunner(client)).BackoutAsync(app, body, req.FunctionContext.CancellationToken));

    [Function("Alerts")]
    public Task<HttpResponseData> Alert([HttpTrigger(AuthorizationLevel.Function, "post", Route = "alerts")] HttpRequestData req, [DurableClient] DurableTaskClient client) =>
        HttpResults.HandleAsync(req, body => factory.Api(new DurableReleaseRunner(client)).AlertAsync(body, req.FunctionContext.CancellationToken));
}
