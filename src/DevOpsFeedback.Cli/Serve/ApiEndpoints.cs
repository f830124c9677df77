using System.Text.Json;
using DevOpsFeedback.Api;
using DevOpsFeedback.Orchestration;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>The HTTP API of <c>dfb serve</c>: the same routes and bodies as the Functions host, each a few lines.</summary>
public static class ApiEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/health", () => Results.Json(new { status = "ok" })).AllowAnonymous();
        api.MapPost("/releases", async (HttpContext c, ReleaseApi u) => await WriteAsync(c, await u.CreateReleaseAsync(await BodyAsync(c), BaseUrl(c), c.RequestAborted)));
        api.MapGet("/releases/{id}", async (HttpContext c, ReleaseApi u, string id) => await WriteAsync(c, await u.GetReleaseAsync(id, c.RequestAborted)));
        api.MapPost("/releases/{id}/approve", async (HttpContext c, ReleaseApi u, string id) => await WriteAsync(c, await u.ApproveAsync(id, await BodyAsync(c), c.RequestAborted)));
        api.MapPost("/releases/{id}/reject", async (HttpContext c, ReleaseApi u, string id) => await WriteAsync(c, await u.RejectAsync(id, await BodyAsync(c), c.RequestAborted)));
        api.MapPost("/releases/{id}/rollback", async (HttpContext c, ReleaseApi u, string id) => await WriteAsync(c, await u.RollbackAsync(id, await BodyAsync(c), c.RequestAborted)));
        api.MapGet("/apps/{app}", async (HttpContext c, ReleaseApi u, string app) => await WriteAsync(c, await u.GetAppAsync(app, c.RequestAborted)));
        api.MapPost("/apps/{app}/backout", async (HttpContext c, ReleaseApi u, string app) => await WriteAsync(c, await u.BackoutAsync(app, await BodyAsync(c), c.RequestAborted)));
        api.MapPost("/alerts", async (HttpContext c, ReleaseApi u) => await WriteAsync(c, await u.AlertAsync(await BodyAsync(c), c.RequestAborted)));
        FeedbackEndpoints.Map(api);
    }

    /// <summary>Reads at most 1 MiB; a larger body ends the request with 413 before anything is parsed.</summary>
    public static async Task<ReadOnlyMemory<byte>> BodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > StrictJson.MaxBodyBytes) throw new BodyTooLargeException();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > StrictJson.MaxBodyBytes) throw new BodyTooLargeException();
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static Task WriteAsync(HttpContext context, ApiResult result)
    {
        context.Response.StatusCode = result.Status;
        if (result.Location is not null) context.Response.Headers.Location = result.Location;
        if (result.RetryAfterSeconds is { } retryAfter) context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (result.Body is null) return Task.CompletedTask;
        context.Response.ContentType = result.ContentType;
        return result.Body is string text
            ? context.Response.WriteAsync(text, context.RequestAborted)
            : JsonSerializer.SerializeAsync(context.Response.Body, result.Body, result.Body.GetType(), ReleaseJson.Options, context.RequestAborted);
    }

    private static string BaseUrl(HttpContext c) => $"{c.Request.Scheme}://{c.Request.Host}{c.Request.PathBase}";
}

/// <summary>The request body is over the 1 MiB limit.</summary>
public sealed class BodyTooLargeException : Exception
{
    public BodyTooLargeException() : base($"bodies are limited to {StrictJson.MaxBodyBytes} bytes") { }

    public BodyTooLargeException(string message) : base(message) { }

    public BodyTooLargeException(string message, Exception inner) : base(message, inner) { }
}
