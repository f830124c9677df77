using System.Text.Json;
using DevOpsFeedback.Api;
using DevOpsFeedback.Orchestration;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// Every route but health and the OpenAPI document needs the API key; bodies over 1 MiB get 413; an unexpected
/// failure is a 500 problem with a correlation id (logged), never a stack trace on the wire.
/// </summary>
public sealed partial class ApiGuardMiddleware(RequestDelegate next, ApiKey key, ILogger<ApiGuardMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var open = path.Equals("/api/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
        if (!open)
        {
            var presented = context.Request.Headers[ApiKey.Header].FirstOrDefault() ?? context.Request.Query["code"].FirstOrDefault();
            if (!key.Matches(presented))
            {
                await WriteAsync(context, ApiProblem.Unauthorized());
                return;
            }
        }

        try
        {
            await next(context);
        }
        catch (BodyTooLargeException)
        {
            await WriteAsync(context, ApiProblem.TooLarge(StrictJson.MaxBodyBytes));
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            var id = context.TraceIdentifier;
            LogFailure(logger, ex, context.Request.Method, path, id);
            await WriteAsync(context, new ApiProblem("https://devopsfeedback.dev/problems/internal", "The request failed.", 500, $"see the host log for request {id}"));
        }
    }

    private static async Task WriteAsync(HttpContext context, ApiProblem problem)
    {
        context.Response.StatusCode = problem.Status;
        context.Response.ContentType = ApiProblem.ContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, ReleaseJson.Options, context.RequestAborted);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "{Method} {Path} failed (request {RequestId})")]
    private static partial void LogFailure(ILogger logger, Exception ex, string method, string path, string requestId);
}
