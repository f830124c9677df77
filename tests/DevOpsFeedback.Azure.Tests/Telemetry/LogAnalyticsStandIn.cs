using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DevOpsFeedback.Azure.Loopback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>One raw <c>AppRequests</c> row held by the stand-in.</summary>
internal sealed record AppRequestRow(DateTimeOffset TimeGenerated, string AppRoleName, string AppVersion, bool Success, double DurationMs, int ItemCount = 1);

/// <summary>
/// A local stand-in for the Log Analytics query API (<c>POST /v1/workspaces/{id}/query</c>) speaking the documented
/// contract: bearer token, <c>Content-Type: application/json</c> (else an empty 200), OneAPI error bodies, 204 without
/// data, typed <c>tables/columns/rows</c>. It understands exactly the per-version frames query: any other shape is a
/// 400 <c>BadArgumentError</c>/<c>SyntaxError</c>, as a real engine would answer unknown syntax; its literals are decoded
/// like KQL's and the rows are filtered and summed by them.
/// </summary>
internal sealed partial class LogAnalyticsStandIn : IAsyncDisposable
{
    public const string WorkspaceId = "6a1e2c3b-0d4f-4e5a-9b8c-7d6e5f4a3b2c";

    private LoopbackServer _server = null!;

    public List<AppRequestRow> Rows { get; } = [];

    public ScriptedResponses Script { get; } = new();

    public ConcurrentQueue<string> Queries { get; } = new();

    public ConcurrentQueue<string> PreferHeaders { get; } = new();

    public int RequestCount;

    public LoopbackServer Server => _server;

    public static async Task<LogAnalyticsStandIn> StartAsync()
    {
        var standIn = new LogAnalyticsStandIn();
        standIn._server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/workspaces/{workspaceId}/query", standIn.HandleAsync));
        return standIn;
    }

    public LogAnalyticsOptions Options(Action<LogAnalyticsOptions>? configure = null)
    {
        var options = new LogAnalyticsOptions
        {
            Endpoint = _server.BaseUri,
            WorkspaceId = WorkspaceId,
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            NetworkTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    private async Task HandleAsync(HttpContext context, string workspaceId)
    {
        Interlocked.Increment(ref RequestCount);
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + StaticTokenCredential.Token)
        {
            await Error(context, 401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
            return;
        }

        if (await Script.TryAnswerAsync(context)) return;
        if (workspaceId != WorkspaceId)
        {
            await Error(context, 404, "PathNotFoundError", $"The requested path does not exist: workspace {workspaceId}");
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            context.Response.StatusCode = 200; // documented: no JSON content type → empty 200
            return;
        }

        PreferHeaders.Enqueue(context.Request.Headers["Prefer"].ToString());
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body);
        }
        catch (JsonException ex)
        {
            await Error(context, 400, "BadArgumentError", "The request body is not valid JSON: " + ex.Message);
            return;
        }

        if (body?["query"]?.GetValue<string>() is not { } query)
        {
            await Error(context, 400, "BadArgumentError", "The request had some invalid properties: query is required");
            return;
        }

        Queries.Enqueue(query);
        if (!TryUnderstand(query, out var role, out var versions, out var from, out var to, out var buckets, out var syntaxError))
        {
            await Error(context, 400, "BadArgumentError", "Query could not be parsed at " + syntaxError, inner: "SyntaxError");
            return;
        }

        var groups = Rows
            .Where(r => r.TimeGenerated >= from && r.TimeGenerated < to && r.AppRoleName == role && versions.Contains(r.AppVersion))
            .GroupBy(r => (Minute: new DateTimeOffset(r.TimeGenerated.UtcTicks - r.TimeGenerated.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero), r.AppVersion))
            .OrderBy(g => g.Key.Minute).ThenBy(g => g.Key.AppVersion, StringComparer.Ordinal)
            .ToList();
        if (Rows.Count == 0)
        {
            context.Response.StatusCode = 204; // a workspace with no data at all
            return;
        }

        var columns = new JsonArray(
            Column("time", "datetime"), Column("version", "string"), Column("requests", "long"), Column("failures", "long"));
        foreach (var bound in buckets) columns.Add(Column("le_" + bound, "long"));
        var rows = new JsonArray();
        foreach (var group in groups)
        {
            var row = new JsonArray(
                group.Key.Minute.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                group.Key.AppVersion,
                (long)group.Sum(r => r.ItemCount),
                (long)group.Where(r => !r.Success).Sum(r => r.ItemCount));
            foreach (var bound in buckets) row.Add((long)group.Where(r => r.DurationMs <= bound).Sum(r => r.ItemCount));
            rows.Add(row);
        }

        var result = new JsonObject { ["tables"] = new JsonArray(new JsonObject { ["name"] = "PrimaryResult", ["columns"] = columns, ["rows"] = rows }) };
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(result.ToJsonString());
    }

    private static bool TryUnderstand(
        string query, out string role, out HashSet<string> versions, out DateTimeOffset from, out DateTimeOffset to, out List<int> buckets, out string error)
    {
        role = "";
        versions = [];
        from = to = default;
        buckets = [];
        error = "";
        string skeleton;
        List<string> literals;
        try
        {
            (skeleton, literals) = KqlText.Split(query);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }

        var lines = skeleton.Split('\n');
        Regex[] grammar = [Line1(), Line2(), Line3(), Line4(), Line5(), Line6(), Line7(), Line8()];
        if (lines.Length != grammar.Length)
        {
            error = $"{lines.Length} lines";
            return false;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (!grammar[i].IsMatch(lines[i]))
            {
                error = $"line {i + 1}: {lines[i]}";
                return false;
            }
        }

        var times = Line3().Match(lines[2]);
        from = DateTimeOffset.Parse(times.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        to = DateTimeOffset.Parse(times.Groups[2].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        role = literals[0];
        versions = [.. literals.Skip(1)];
        buckets = [.. BucketBound().Matches(lines[5]).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
        return true;
    }

    private static JsonObject Column(string name, string type) => new() { ["name"] = name, ["type"] = type };

    private static async Task Error(HttpContext context, int status, string code, string message, string? inner = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (inner is not null) error["innererror"] = new JsonObject { ["code"] = inner, ["message"] = message };
        await context.Response.WriteAsync(new JsonObject { ["error"] = error }.ToJsonString());
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [GeneratedRegex(@"^// q:dfb-per-version-frames$")]
    private static partial Regex Line1();

    [GeneratedRegex(@"^AppRequests$")]
    private static partial Regex Line2();

    [GeneratedRegex(@"^\| where TimeGenerated >= datetime\(([0-9T:.\-]+Z)\) and TimeGenerated < datetime\(([0-9T:.\-]+Z)\)$")]
    private static partial Regex Line3();

    [GeneratedRegex(@"^\| where AppRoleName == ""\?""$")]
    private static partial Regex Line4();

    [GeneratedRegex(@"^\| where AppVersion in \(""\?""(, ""\?"")*\)$")]
    private static partial Regex Line5();

    [GeneratedRegex(@"^\| summarize requests = sum\(ItemCount\), failures = sumif\(ItemCount, Success == false\)(, le_\d+ = sumif\(ItemCount, DurationMs <= \d+\))+$")]
    private static partial Regex Line6();

    [GeneratedRegex(@"^    by time = bin\(TimeGenerated, 1m\), version = AppVersion$")]
    private static partial Regex Line7();

    [GeneratedRegex(@"^\| order by time asc, version asc$")]
    private static partial Regex Line8();

    [GeneratedRegex(@"le_\d+ = sumif\(ItemCount, DurationMs <= (\d+)\)")]
    private static partial Regex BucketBound();
}
