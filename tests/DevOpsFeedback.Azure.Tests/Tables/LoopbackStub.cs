using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>A real HTTP server on a free loopback port that answers with a scripted handler and records requests.</summary>
internal sealed class LoopbackStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackStub(WebApplication app) => _app = app;

    public ConcurrentQueue<(DateTimeOffset At, string Method, string PathAndQuery, string? Authorization)> Requests { get; } = new();

    public Uri BaseUri => new(_app.Urls.First());

    public string ConnectionString =>
        $"AccountName=acct;AccountKey={Convert.ToBase64String(new byte[32])};TableEndpoint={BaseUri}acct";

    public static async Task<LoopbackStub> StartAsync(Func<HttpContext, int, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new LoopbackStub(app);
        var count = 0;
        app.Run(ctx =>
        {
            stub.Requests.Enqueue((DateTimeOffset.UtcNow, ctx.Request.Method, ctx.Request.Path + ctx.Request.QueryString, ctx.Request.Headers.Authorization.ToString()));
            return handler(ctx, Interlocked.Increment(ref count));
        });
        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
