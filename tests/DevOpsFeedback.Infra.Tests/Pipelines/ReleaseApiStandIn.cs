using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DevOpsFeedback.Infra.Tests.Pipelines;

/// <summary>
/// A loopback stand-in for the DevOpsFeedback release API as a pipeline sees it: POST /api/releases answers with the
/// configured status and body; each GET /api/releases/{id} answers the next scripted state (the last one repeats).
/// </summary>
internal sealed class ReleaseApiStandIn : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly int _postStatus;
    private readonly string _postBody;
    private readonly Queue<string> _states;
    private string _lastState;
    private int _failingGets;

    public ReleaseApiStandIn(string apiKey, int postStatus, string postBody, IEnumerable<string> states, int failingGets = 0)
    {
        _failingGets = failingGets;
        ApiKey = apiKey;
        _postStatus = postStatus;
        _postBody = postBody;
        _states = new Queue<string>(states);
        _lastState = _states.Count > 0 ? _states.Peek() : "{}";
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string ApiKey { get; }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/api";

    public ConcurrentQueue<(string Method, string Path, string? Key, string Body)> Requests { get; } = new();

    public JsonObject? PostedRelease =>
        Requests.FirstOrDefault(r => r.Method == "POST").Body is { Length: > 0 } body ? JsonNode.Parse(body)?.AsObject() : null;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (HttpListenerException) when (!_listener.IsListening)
            {
                return; // stopped by DisposeAsync
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var key = request.Headers["x-functions-key"];
        var path = request.Url?.AbsolutePath ?? "";
        Requests.Enqueue((request.HttpMethod, path, key, body));

        var (status, json) = key != ApiKey
            ? (401, """{"title":"unauthorized"}""")
            : request.HttpMethod switch
            {
                "POST" when path == "/api/releases" => (_postStatus, _postBody),
                "GET" when path.StartsWith("/api/releases/", StringComparison.Ordinal) && _failingGets > 0 => Fail(),
                "GET" when path.StartsWith("/api/releases/", StringComparison.Ordinal) => (200, NextState()),
                _ => (404, """{"title":"not found"}"""),
            };

        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private (int, string) Fail()
    {
        _failingGets--;
        return (503, """{"title":"service unavailable"}""");
    }

    private string NextState()
    {
        if (_states.Count > 0)
        {
            _lastState = _states.Dequeue();
        }

        return _lastState;
    }

    public static string State(string status, string step, string? outcome = null, string? reason = null) =>
        JsonSerializer.Serialize(new { releaseId = "rel-1", status, step, outcome, reason, verdicts = Array.Empty<object>() });

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop;
        _listener.Close();
    }
}
