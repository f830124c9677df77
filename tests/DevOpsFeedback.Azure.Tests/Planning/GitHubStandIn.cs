using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DevOpsFeedback.Azure.Planning;

/// <summary>
/// GitHub issues REST (2022-11-28) on loopback: enforces Accept, User-Agent, API version and a bearer token
/// (401 "Bad credentials" otherwise); list (open, by label, pull requests included as GitHub does), create (422
/// without a title), update; 404 for another repository.
/// </summary>
internal sealed class GitHubStandIn : IAsyncDisposable
{
    public const string Owner = "contoso";
    public const string Repo = "web";
    public const string Token = "ghp_good";

    private readonly Lock _gate = new();
    private WebApplication? _app;
    private long _next = 1340;

    public List<JsonObject> Issues { get; } = [];

    public Func<HttpContext, Task<bool>>? Fault { get; set; }

    public Uri ApiUrl { get; private set; } = null!;

    public static async Task<GitHubStandIn> StartAsync()
    {
        var standIn = new GitHubStandIn();
        var (app, baseUri) = await LoopbackApp.StartAsync(standIn.Map);
        standIn._app = app;
        standIn.ApiUrl = baseUri;
        return standIn;
    }

    /// <summary>Adds a pull request carrying <paramref name="label"/> (the list endpoint returns PRs too).</summary>
    public void AddPullRequest(string label)
    {
        lock (_gate)
        {
            Issues.Add(new JsonObject
            {
                ["number"] = ++_next, ["state"] = "open", ["title"] = "a PR", ["body"] = "",
                ["labels"] = new JsonArray(new JsonObject { ["name"] = label }),
                ["pull_request"] = new JsonObject { ["url"] = "https://example.invalid/pr" },
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            if (Fault is not null && await Fault(ctx)) return;
            if (string.IsNullOrEmpty(ctx.Request.Headers.UserAgent))
            {
                await Json(ctx, 403, Message("Request forbidden by administrative rules. Please make sure your request has a User-Agent header"));
                return;
            }

            if (ctx.Request.Headers.Authorization != $"Bearer {Token}")
            {
                await Json(ctx, 401, Message("Bad credentials"));
                return;
            }

            if (ctx.Request.Headers.Accept != "application/vnd.github+json" || ctx.Request.Headers["X-GitHub-Api-Version"] != "2022-11-28")
            {
                await Json(ctx, 400, Message("Unsupported API version or media type"));
                return;
            }

            await next(ctx);
        });

        app.MapGet("/repos/{owner}/{repo}/issues", async (HttpContext ctx, string owner, string repo) =>
        {
            if (!await KnownRepoAsync(ctx, owner, repo)) return;
            var label = ctx.Request.Query["labels"].ToString();
            var state = ctx.Request.Query["state"].ToString();
            JsonArray list;
            lock (_gate)
            {
                list = new JsonArray(Issues
                    .Where(i => (state == "all" || i["state"]!.GetValue<string>() == state) &&
                                (label.Length == 0 || i["labels"]!.AsArray().Any(l => l!["name"]!.GetValue<string>() == label)))
                    .OrderByDescending(i => i["number"]!.GetValue<long>())
                    .Select(i => i.DeepClone())
                    .ToArray());
            }

            await Json(ctx, 200, list);
        });

        app.MapPost("/repos/{owner}/{repo}/issues", async (HttpContext ctx, string owner, string repo) =>
        {
            if (!await KnownRepoAsync(ctx, owner, repo)) return;
            var body = (await JsonNode.ParseAsync(ctx.Request.Body))!.AsObject();
            if (body["title"]?.GetValue<string>() is not { Length: > 0 } title)
            {
                await Json(ctx, 422, new JsonObject
                {
                    ["message"] = "Validation Failed",
                    ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Issue", ["field"] = "title", ["code"] = "missing_field" }),
                });
                return;
            }

            JsonObject issue;
            lock (_gate)
            {
                var number = ++_next;
                issue = new JsonObject
                {
                    ["number"] = number, ["state"] = "open", ["title"] = title, ["body"] = body["body"]?.DeepClone(),
                    ["labels"] = new JsonArray((body["labels"]?.AsArray() ?? []).Select(l => (JsonNode)new JsonObject { ["name"] = l!.GetValue<string>() }).ToArray()),
                    ["html_url"] = $"https://github.com/{Owner}/{Repo}/issues/{number}",
                };
                Issues.Add(issue);
            }

            ctx.Response.Headers.Location = $"{ApiUrl}repos/{Owner}/{Repo}/issues/{issue["number"]}";
            await Json(ctx, 201, issue.DeepClone());
        });

        app.MapMethods("/repos/{owner}/{repo}/issues/{number:long}", ["PATCH"], async (HttpContext ctx, string owner, string repo, long number) =>
        {
            if (!await KnownRepoAsync(ctx, owner, repo)) return;
            var body = (await JsonNode.ParseAsync(ctx.Request.Body))!.AsObject();
            JsonObject? issue;
            lock (_gate)
            {
                issue = Issues.FirstOrDefault(i => i["number"]!.GetValue<long>() == number);
                if (issue is not null)
                {
                    foreach (var (k, v) in body) issue[k] = v?.DeepClone();
                }
            }

            if (issue is null) await Json(ctx, 404, Message("Not Found"));
            else await Json(ctx, 200, issue.DeepClone());
        });
    }

    private static async Task<bool> KnownRepoAsync(HttpContext ctx, string owner, string repo)
    {
        if (owner == Owner && repo == Repo) return true;
        await Json(ctx, 404, Message("Not Found"));
        return false;
    }

    private static JsonObject Message(string message) =>
        new() { ["message"] = message, ["documentation_url"] = "https://docs.github.com/rest" };

    public static async Task Json(HttpContext ctx, int status, JsonNode body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(body.ToJsonString());
    }
}
