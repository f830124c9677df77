using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>A request the stand-in received.</summary>
internal sealed record CapturedRequest(string Path, string ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>What the stand-in answers to the n-th request (1-based).</summary>
internal sealed record StandInAnswer(int Status, string Body = "", string? RetryAfter = null);

/// <summary>
/// A webhook receiver on 127.0.0.1 (a free port): a small ASP.NET Core app that captures each POST and answers from a
/// script, standing in for a generic webhook, a Teams workflow URL or a Slack incoming webhook.
/// </summary>
internal sealed class WebhookStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private WebhookStandIn(WebApplication app) => _app = app;

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public Uri Url(string path) => new(BaseAddress, path);

    /// <param name="answer">The answer to the n-th request.</param>
    /// <param name="hold">When given, each request waits for it before answering (a receiver that does not answer in time).</param>
    public static async Task<WebhookStandIn> StartAsync(Func<int, StandInAnswer> answer, Task? hold = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var standIn = new WebhookStandIn(app);
        app.MapPost("/{**path}", async (HttpContext ctx) =>
        {
            using var ms = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(ms, ctx.RequestAborted);
            standIn.Requests.Enqueue(new CapturedRequest(
                ctx.Request.Path + ctx.Request.QueryString,
                ctx.Request.ContentType ?? "",
                ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                ms.ToArray()));
            var a = answer(Interlocked.Increment(ref standIn._count));
            if (hold is not null) await hold.WaitAsync(ctx.RequestAborted);
            ctx.Response.StatusCode = a.Status;
            if (a.RetryAfter is not null) ctx.Response.Headers.RetryAfter = a.RetryAfter;
            ctx.Response.ContentType = "text/plain";
            await ctx.Response.WriteAsync(a.Body, ctx.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    /// <summary>A loopback URL on which nothing listens (connection refused).</summary>
    public static Uri RefusingUrl()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/hooks/down");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
