using DevOpsFeedback.Api;
using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>The feedback, retrospective, planning and DORA routes of <c>dfb serve</c>: the same contract as the Functions host.</summary>
public static class FeedbackEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/feedback", async (HttpContext c, FeedbackApi u) => await ApiEndpoints.WriteAsync(c, await u.SubmitFeedbackAsync(await ApiEndpoints.BodyAsync(c), PresentedKey(c), c.RequestAborted)));
        api.MapPost("/retrospectives", async (HttpContext c, FeedbackApi u) => await ApiEndpoints.WriteAsync(c, await u.SubmitRetrospectiveAsync(await ApiEndpoints.BodyAsync(c), c.RequestAborted)));
        api.MapPost("/retrospectives/{id}/actions/{index}/done", async (HttpContext c, string id, string index, FeedbackApi u) =>
            await ApiEndpoints.WriteAsync(c, await u.CompleteRetrospectiveActionAsync(id, index, await ApiEndpoints.BodyAsync(c), c.RequestAborted)));
        api.MapPost("/planning/{key}/close", async (HttpContext c, string key, FeedbackApi u) =>
            await ApiEndpoints.WriteAsync(c, await u.SetPlanningItemStatusAsync(key, PlanningItemStatus.Closed, await ApiEndpoints.BodyAsync(c), c.RequestAborted)));
        api.MapPost("/planning/{key}/reopen", async (HttpContext c, string key, FeedbackApi u) =>
            await ApiEndpoints.WriteAsync(c, await u.SetPlanningItemStatusAsync(key, PlanningItemStatus.Open, await ApiEndpoints.BodyAsync(c), c.RequestAborted)));
        api.MapGet("/planning", async (HttpContext c, FeedbackApi u) => await ApiEndpoints.WriteAsync(c, await u.GetPlanningAsync(Query(c, "app"), Query(c, "since"), c.RequestAborted)));
        api.MapGet("/planning/report", async (HttpContext c, FeedbackApi u) => await ApiEndpoints.WriteAsync(c, await u.GetPlanningReportAsync(Query(c, "app"), Query(c, "since"), c.RequestAborted)));
        api.MapGet("/metrics/dora", async (HttpContext c, FeedbackApi u) => await ApiEndpoints.WriteAsync(c, await u.GetDoraAsync(Query(c, "app"), Query(c, "since"), Query(c, "until"), c.RequestAborted)));
    }

    /// <summary>The key the caller presented (the guard has checked it), for its rate-limit bucket.</summary>
    private static string? PresentedKey(HttpContext c) => c.Request.Headers[ApiKey.Header].FirstOrDefault() ?? c.Request.Query["code"].FirstOrDefault();

    private static string? Query(HttpContext c, string name) => c.Request.Query[name].FirstOrDefault();
}
