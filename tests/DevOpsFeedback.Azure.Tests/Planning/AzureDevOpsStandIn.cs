using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DevOpsFeedback.Azure.Planning;

/// <summary>
/// Azure DevOps work items REST 7.1 on loopback, as far as the sink uses it: Basic PAT auth (a bad or missing one
/// gets 203 with an HTML sign-in page), create (<c>$Type</c>, json-patch+json only), update, and WIQL with
/// <c>[System.Tags] CONTAINS</c> and the closed-state filter. Unknown fields and area paths outside the project
/// are 400 rule errors, as the service answers.
/// </summary>
internal sealed partial class AzureDevOpsStandIn : IAsyncDisposable
{
    public const string Organization = "contoso";
    public const string Project = "Web";
    public const string Pat = "good-pat";

    private static readonly HashSet<string> KnownFields =
        ["System.Title", "System.Description", "System.Tags", "Microsoft.VSTS.Common.Priority", "System.AreaPath", "System.State"];

    private readonly Lock _gate = new();
    private WebApplication? _app;
    private long _nextId = 100;

    public Dictionary<long, Dictionary<string, JsonNode?>> Items { get; } = [];

    public List<string> Requests { get; } = [];

    /// <summary>When set, answers every request instead of the normal behaviour (faults: 429, non-JSON 200...).</summary>
    public Func<HttpContext, Task<bool>>? Fault { get; set; }

    public Uri OrganizationUrl { get; private set; } = null!;

    public static async Task<AzureDevOpsStandIn> StartAsync()
    {
        var standIn = new AzureDevOpsStandIn();
        var (app, baseUri) = await LoopbackApp.StartAsync(standIn.Map);
        standIn._app = app;
        standIn.OrganizationUrl = new Uri(baseUri, Organization);
        return standIn;
    }

    public void Close(long id)
    {
        lock (_gate) Items[id]["System.State"] = "Closed";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            lock (_gate) Requests.Add($"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString}");
            if (Fault is not null && await Fault(ctx)) return;
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Pat));
            if (ctx.Request.Headers.Authorization.ToString() != expected)
            {
                ctx.Response.StatusCode = 203;
                ctx.Response.ContentType = "text/html; charset=utf-8";
                await ctx.Response.WriteAsync("<html><head><title>Azure DevOps Services | Sign In</title></head><body>Sign in</body></html>");
                return;
            }

            if (ctx.Request.Query["api-version"] != "7.1")
            {
                await Error(ctx, 400, "VS403403: The requested REST API version is not supported.");
                return;
            }

            await next(ctx);
        });

        app.MapPost("/{org}/{project}/_apis/wit/workitems/{type}", async (HttpContext ctx, string org, string project, string type) =>
        {
            if (!await KnownProjectAsync(ctx, org, project)) return;
            if (!type.StartsWith('$') || type.Length < 2)
            {
                await Error(ctx, 404, $"TF401325: The work item type {type} does not exist.");
                return;
            }

            await ApplyAsync(ctx, id: null, type[1..]);
        });

        app.MapMethods("/{org}/{project}/_apis/wit/workitems/{id:long}", ["PATCH"], async (HttpContext ctx, string org, string project, long id) =>
        {
            if (!await KnownProjectAsync(ctx, org, project)) return;
            await ApplyAsync(ctx, id, null);
        });

        app.MapPost("/{org}/{project}/_apis/wit/wiql", async (HttpContext ctx, string org, string project) =>
        {
            if (!await KnownProjectAsync(ctx, org, project)) return;
            var body = await JsonNode.ParseAsync(ctx.Request.Body);
            var query = body?["query"]?.GetValue<string>() ?? "";
            var tag = TagClause().Match(query);
            if (!tag.Success)
            {
                await Error(ctx, 400, "TF51005: The query references a field that does not exist.");
                return;
            }

            var wanted = tag.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
            var excludeClosed = query.Contains("NOT IN ('Closed', 'Done', 'Removed')", StringComparison.Ordinal);
            JsonArray found;
            lock (_gate)
            {
                found = new JsonArray(Items
                    .Where(kv => Tags(kv.Value).Contains(wanted) && (!excludeClosed || kv.Value["System.State"]?.GetValue<string>() is not ("Closed" or "Done" or "Removed")))
                    .OrderBy(kv => kv.Key)
                    .Select(kv => (JsonNode)new JsonObject { ["id"] = kv.Key, ["url"] = $"{OrganizationUrl}/_apis/wit/workItems/{kv.Key}" })
                    .ToArray());
            }

            await Json(ctx, 200, new JsonObject { ["queryType"] = "flat", ["queryResultType"] = "workItem", ["workItems"] = found });
        });
    }

    private async Task ApplyAsync(HttpContext ctx, long? id, string? type)
    {
        if (ctx.Request.ContentType != "application/json-patch+json")
        {
            ctx.Response.StatusCode = 415;
            return;
        }

        if (await JsonNode.ParseAsync(ctx.Request.Body) is not JsonArray ops)
        {
            await Error(ctx, 400, "You must pass a valid patch document in the body of the request.");
            return;
        }

        var changes = new Dictionary<string, JsonNode?>();
        foreach (var op in ops)
        {
            var path = op?["path"]?.GetValue<string>() ?? "";
            var field = path.StartsWith("/fields/", StringComparison.Ordinal) ? path["/fields/".Length..] : "";
            if (op?["op"]?.GetValue<string>() is not ("add" or "replace") || !KnownFields.Contains(field))
            {
                await Error(ctx, 400, $"TF51535: Cannot find field {field}.");
                return;
            }

            var value = op["value"]?.DeepClone();
            if (field == "System.AreaPath" && value?.GetValue<string>() is { } area && !area.StartsWith(Project, StringComparison.Ordinal))
            {
                await Error(ctx, 400, $"TF401347: Invalid tree name given for work item -1, field 'System.AreaPath'.");
                return;
            }

            changes[field] = value;
        }

        long itemId;
        Dictionary<string, JsonNode?> fields;
        lock (_gate)
        {
            if (id is null)
            {
                itemId = ++_nextId;
                fields = new Dictionary<string, JsonNode?> { ["System.WorkItemType"] = type, ["System.State"] = "New" };
                Items[itemId] = fields;
            }
            else if (!Items.TryGetValue(id.Value, out fields!))
            {
                itemId = 0;
            }
            else
            {
                itemId = id.Value;
            }

            if (itemId != 0)
            {
                foreach (var (k, v) in changes) fields[k] = v;
            }
        }

        if (itemId == 0)
        {
            await Error(ctx, 404, $"TF401232: Work item {id} does not exist.");
            return;
        }

        JsonObject response;
        lock (_gate)
        {
            response = new JsonObject
            {
                ["id"] = itemId,
                ["rev"] = 1,
                ["fields"] = new JsonObject(fields.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))),
                ["_links"] = new JsonObject { ["html"] = new JsonObject { ["href"] = $"{OrganizationUrl}/{Project}/_workitems/edit/{itemId}" } },
                ["url"] = $"{OrganizationUrl}/_apis/wit/workItems/{itemId}",
            };
        }

        await Json(ctx, 200, response);
    }

    private static HashSet<string> Tags(Dictionary<string, JsonNode?> fields) =>
        [.. (fields.GetValueOrDefault("System.Tags")?.GetValue<string>() ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static async Task<bool> KnownProjectAsync(HttpContext ctx, string org, string project)
    {
        if (org == Organization && project == Project) return true;
        await Error(ctx, 404, $"TF200016: The following project does not exist: {project}.");
        return false;
    }

    private static Task Error(HttpContext ctx, int status, string message) =>
        Json(ctx, status, new JsonObject { ["$id"] = "1", ["innerException"] = null, ["message"] = message, ["typeKey"] = "RuleValidationException", ["errorCode"] = 0 });

    private static async Task Json(HttpContext ctx, int status, JsonNode body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex(@"\[System\.Tags\] CONTAINS '((?:[^']|'')*)'")]
    private static partial Regex TagClause();
}
