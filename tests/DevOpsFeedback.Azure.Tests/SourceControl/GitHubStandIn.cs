using System.Globalization;
using System.Text.Json.Nodes;
using DevOpsFeedback.Azure.Loopback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DevOpsFeedback.Azure.SourceControl;

/// <summary>
/// A local stand-in for GitHub's "compare two commits" (<c>GET /repos/{owner}/{repo}/compare/{base}...{head}</c>) over
/// a real commit graph: <c>commits</c> are those reachable from head and not from base (oldest first, paginated with
/// <c>per_page</c>/<c>page</c>), <c>ahead_by</c>/<c>behind_by</c>/<c>status</c> computed the way GitHub defines them;
/// 401 "Bad credentials", 404 "Not Found", and scripted rate-limit answers. Each commit object (in <c>commits</c> and
/// <c>base_commit</c>) carries <c>commit.author</c>/<c>commit.committer</c> with ISO 8601 UTC <c>date</c>s as GitHub sends them.
/// </summary>
internal sealed class GitHubStandIn : IAsyncDisposable
{
    public const string Token = "ghp_standin_token";
    public const string Repository = "contoso/payments-api";

    /// <summary>The first commit's time; each later commit is one hour after the one added before it.</summary>
    public static readonly DateTimeOffset FirstCommitAt = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<string> _order = [];
    private readonly Dictionary<string, string[]> _parents = new(StringComparer.OrdinalIgnoreCase);
    private LoopbackServer _server = null!;

    public ScriptedResponses Script { get; } = new();

    public List<string> Paths { get; } = [];

    /// <summary>Authorization, Accept and X-GitHub-Api-Version of each request.</summary>
    public List<(string Authorization, string Accept, string ApiVersion)> Headers { get; } = [];

    public int RequestCount;

    public LoopbackServer Server => _server;

    public static async Task<GitHubStandIn> StartAsync()
    {
        var standIn = new GitHubStandIn();
        standIn._server = await LoopbackServer.StartAsync(app => app.MapGet("/repos/{owner}/{repo}/compare/{basehead}", standIn.HandleAsync));
        return standIn;
    }

    public GitHubOptions Options(Action<GitHubOptions>? configure = null)
    {
        var options = new GitHubOptions
        {
            ApiBaseUrl = _server.BaseUri,
            Token = Token,
            Repositories = { ["payments-api"] = Repository },
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            NetworkTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Adds a commit; its id is a SHA-1-shaped hex string derived from <paramref name="name"/>.</summary>
    public string Commit(string name, params string[] parents)
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..40];
        _order.Add(sha);
        _parents[sha] = parents;
        return sha;
    }

    /// <summary>When <paramref name="sha"/> was committed: one hour per commit added before it, from <see cref="FirstCommitAt"/>.</summary>
    public DateTimeOffset CommittedAt(string sha) => FirstCommitAt.AddHours(_order.IndexOf(sha));

    private JsonObject CommitObject(string sha)
    {
        var date = CommittedAt(sha).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        JsonObject Person() => new() { ["name"] = "Dev", ["email"] = "dev@contoso.invalid", ["date"] = date };
        return new JsonObject
        {
            ["sha"] = sha,
            ["commit"] = new JsonObject { ["author"] = Person(), ["committer"] = Person(), ["message"] = "change " + sha[..7] },
            ["parents"] = new JsonArray([.. _parents[sha].Select(parent => (JsonNode)new JsonObject { ["sha"] = parent })]),
        };
    }

    private HashSet<string> Reachable(string sha)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>([sha]);
        while (stack.TryPop(out var current))
            if (seen.Add(current))
                foreach (var parent in _parents[current]) stack.Push(parent);
        return seen;
    }

    private string? Resolve(string reference) =>
        _order.FirstOrDefault(sha => sha.StartsWith(reference, StringComparison.OrdinalIgnoreCase) && reference.Length >= 7);

    private async Task HandleAsync(HttpContext context, string owner, string repo, string basehead)
    {
        Interlocked.Increment(ref RequestCount);
        lock (Paths)
        {
            Paths.Add(context.Request.Path + context.Request.QueryString);
            Headers.Add((context.Request.Headers.Authorization.ToString(), context.Request.Headers.Accept.ToString(), context.Request.Headers["X-GitHub-Api-Version"].ToString()));
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0 && authorization != "Bearer " + Token)
        {
            await Message(context, 401, "Bad credentials");
            return;
        }

        if (context.Request.Headers.UserAgent.Count == 0)
        {
            await Message(context, 403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header");
            return;
        }

        if (await Script.TryAnswerAsync(context)) return;
        var parts = basehead.Split("...");
        if ($"{owner}/{repo}" != Repository || parts.Length != 2 || Resolve(parts[0]) is not { } baseSha || Resolve(parts[1]) is not { } headSha)
        {
            await Message(context, 404, "Not Found");
            return;
        }

        var fromBase = Reachable(baseSha);
        var fromHead = Reachable(headSha);
        var ahead = _order.Where(s => fromHead.Contains(s) && !fromBase.Contains(s)).ToList();
        var behind = _order.Where(s => fromBase.Contains(s) && !fromHead.Contains(s)).ToList();
        var status = (ahead.Count, behind.Count) switch
        {
            (0, 0) => "identical",
            (_, 0) => "ahead",
            (0, _) => "behind",
            _ => "diverged",
        };

        var perPage = int.TryParse(context.Request.Query["per_page"], CultureInfo.InvariantCulture, out var pp) ? Math.Clamp(pp, 1, 100) : 250;
        var page = int.TryParse(context.Request.Query["page"], CultureInfo.InvariantCulture, out var p) ? Math.Max(p, 1) : 1;
        var commits = new JsonArray();
        foreach (var sha in ahead.Skip((page - 1) * perPage).Take(perPage))
            commits.Add(CommitObject(sha));

        var body = new JsonObject
        {
            ["url"] = $"https://api.github.invalid/repos/{Repository}/compare/{basehead}",
            ["base_commit"] = CommitObject(baseSha),
            ["status"] = status,
            ["ahead_by"] = ahead.Count,
            ["behind_by"] = behind.Count,
            ["total_commits"] = ahead.Count,
            ["commits"] = commits,
            ["files"] = new JsonArray(),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static async Task Message(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(new JsonObject { ["message"] = message, ["documentation_url"] = "https://docs.github.invalid/rest" }.ToJsonString());
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
