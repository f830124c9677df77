using DevOpsFeedback.Api;
using DevOpsFeedback.Feedback;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace DevOpsFeedback.Functions;

/// <summary>The feedback, retrospective, planning and DORA routes: parse, call one use case, write the result. Function keys on all.</summary>
public sealed class FeedbackHttpApi(FeedbackApi feedback)
{
    [Function("SubmitFeedback")]
    public Task<HttpResponseData> SubmitFeedback([HttpTrigger(AuthorizationLevel.Function, "post", Route = "feedback")] HttpRequestData req) =>
        HttpResults.HandleAsync(req, body => feedback.SubmitFeedbackAsync(body, PresentedKey(req), req.FunctionContext.CancellationToken));

    [Function("SubmitRetrospective")]
    public Task<HttpResponseData> SubmitRetrospective([HttpTrigger(AuthorizationLevel.Function, "post", Route = "retrospectives")] HttpRequestData req) =>
        HttpResults.HandleAsync(req, body => feedback.SubmitRetrospectiveAsync(body, req.FunctionContext.CancellationToken));

    [Function("CompleteRetrospectiveAction")]
    public Task<HttpResponseData> CompleteRetrospectiveAction(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "retrospectives/{id}/actions/{index}/done")] HttpRequestData req, string id, string index) =>
        HttpResults.HandleAsync(req, body => feedback.CompleteRetrospectiveActionAsync(id, index, body, req.FunctionContext.CancellationToken));

    [Function("ClosePlanningItem")]
    public Task<HttpResponseData> ClosePlanningItem([HttpTrigger(AuthorizationLevel.Function, "post", Route = "planning/{key}/close")] HttpRequestData req, string key) =>
        HttpResults.HandleAsync(req, body => feedback.SetPlanningItemStatusAsync(key, PlanningItemStatus.Closed, body, req.FunctionContext.CancellationToken));

    [Function("ReopenPlanningItem")]
    public Task<HttpResponseData> ReopenPlanningItem([HttpTrigger(AuthorizationLevel.Function, "post", Route = "planning/{key}/reopen")] HttpRequestData req, string key) =>
        HttpResults.HandleAsync(req, body => feedback.SetPlanningItemStatusAsync(key, PlanningItemStatus.Open, body, req.FunctionContext.CancellationToken));

    [Function("GetPlanning")]
    public async Task<HttpResponseData> GetPlanning([HttpTrigger(AuthorizationLevel.Function, "get", Route = "planning")] HttpRequestData req) =>
        await HttpResults.WriteAsync(req, await feedback.GetPlanningAsync(req.Query["app"], req.Query["since"], req.FunctionContext.CancellationToken));

    [Function("GetPlanningReport")]
    public async Task<HttpResponseData> GetPlanningReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = "planning/report")] HttpRequestData req) =>
        await HttpResults.WriteAsync(req, await feedback.GetPlanningReportAsync(req.Query["app"], req.Query["since"], req.FunctionContext.CancellationToken));

    [Function("GetDora")]
    public async Task<HttpResponseData> GetDora([HttpTrigger(AuthorizationLevel.Function, "get", Route = "metrics/dora")] HttpRequestData req) =>
        await HttpResults.WriteAsync(req, await feedback.GetDoraAsync(req.Query["app"], req.Query["since"], req.Query["until"], req.FunctionContext.CancellationToken));

    /// <summary>The function key the caller presented (the host has checked it), for its rate-limit bucket.</summary>
    private static string? PresentedKey(HttpRequestData req) =>
        req.Headers.TryGetValues("x-functions-key", out var values) ? values.FirstOrDefault() : req.Query["code"];
}
