using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace DevOpsFeedback.Azure.Loopback;

/// <summary>One canned answer a stand-in gives instead of its normal one: a status with headers and body, or a hang.</summary>
internal sealed record ScriptedResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
{
    public static ScriptedResponse Hangs() => new(0, Hang: true);
}

/// <summary>Answers queued for the next requests, in order; when empty the stand-in behaves normally.</summary>
internal sealed class ScriptedResponses
{
    private readonly ConcurrentQueue<ScriptedResponse> _queue = new();

    public void Enqueue(ScriptedResponse response, int times = 1)
    {
        for (var i = 0; i < times; i++) _queue.Enqueue(response);
    }

    /// <summary>True when a scripted answer was written (or the request hung until the client gave up).</summary>
    public async Task<bool> TryAnswerAsync(HttpContext context)
    {
        if (!_queue.TryDequeue(out var scripted)) return false;
        if (scripted.Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, which is what a hang is for: nothing is left to answer.
                context.Abort();
            }

            return true;
        }

        context.Response.StatusCode = scripted.Status;
        foreach (var (name, value) in scripted.Headers ?? new Dictionary<string, string>())
            context.Response.Headers[name] = value;
        if (scripted.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(scripted.Body);
        }

        return true;
    }
}
