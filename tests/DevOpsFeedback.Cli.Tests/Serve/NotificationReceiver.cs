using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>One notification as the receiver got it: the kind and id headers and the JSON body.</summary>
internal sealed record ReceivedNotification(string Kind, string Id, JsonElement Body);

/// <summary>
/// A generic JSON webhook receiver on 127.0.0.1 (a free port): a small ASP.NET Core app over real HTTP that accepts every
/// POST with 200 and keeps what arrived, standing in for a team's notification endpoint.
/// </summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedNotification> _received;

    private NotificationReceiver(WebApplication app, ConcurrentQueue<ReceivedNotification> received, Uri url)
    {
        _app = app;
        _received = received;
        Url = url;
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedNotification> Received => [.. _received];

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var received = new ConcurrentQueue<ReceivedNotification>();
        app.MapPost("/hooks/releases", async (HttpContext ctx) =>
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            received.Enqueue(new ReceivedNotification(ctx.Request.Headers["X-Dfb-Kind"].ToString(), ctx.Request.Headers["X-Dfb-Notification"].ToString(), doc.RootElement.Clone()));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new NotificationReceiver(app, received, new Uri(address.TrimEnd('/') + "/hooks/releases"));
    }

    /// <summary>A loopback URL on which nothing listens: a sink that is down (connection refused).</summary>
    public static Uri DownUrl()
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
