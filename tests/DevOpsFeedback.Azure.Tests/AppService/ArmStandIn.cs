using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using DevOpsFeedback.Azure.Loopback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Azure.AppService;

/// <summary>
/// A local stand-in for ARM's <c>Microsoft.Web/sites</c> API over real HTTPS on loopback, following the checklist of
/// the App Service reference: api-version and Bearer required, case-insensitive names, ARM 404 shapes, the swap as a
/// long-running operation (202 → polls → 200, or failure), 409 for a concurrent swap, a swap that moves non-sticky
/// settings and content and sets slotSwapStatus, swap with preview, paged slotsdiffs, and routing rules on config/web.
/// Requests whose Host is a slot's defaultHostName reach that slot's health endpoint instead.
/// </summary>
internal sealed class ArmStandIn : IAsyncDisposable
{
    public const string Token = StaticTokenCredential.Token;
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<StandInSite> _sites = [];
    private readonly Random _random = new(20261122);

    private ArmStandIn(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public Uri Endpoint { get; private set; } = null!;

    public int Port => Endpoint.Port;

    public StandInBehaviour Behaviour { get; } = new();

    /// <summary>"METHOD path?query" of every ARM request, in order.</summary>
    public List<string> Requests { get; } = [];

    public static async Task<ArmStandIn> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var standIn = new ArmStandIn(app, certificate);
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        standIn.Endpoint = new Uri(address.Replace("http://", "https://", StringComparison.Ordinal));
        return standIn;
    }

    public StandInSite AddSite(string name, Guid? subscription = null, string resourceGroup = "rg-releases")
    {
        var site = new StandInSite(subscription ?? Guid.Parse("00000000-1111-2222-3333-444444444444"), resourceGroup, name);
        site.Slots["production"] = new StandInSlot("production", $"{name}.azurewebsites.net");
        site.Slots["staging"] = new StandInSlot("staging", $"{name}-staging-a1b2.azurewebsites.net");
        lock (_gate)
        {
            _sites.Add(site);
        }

        return site;
    }

    public int CountRequests(string method, string pathSuffix)
    {
        lock (_gate)
        {
            return Requests.Count(r => r.StartsWith(method + " ", StringComparison.Ordinal) &&
                                       r.Split('?')[0].EndsWith(pathSuffix, StringComparison.OrdinalIgnoreCase));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var host = context.Request.Host.Host;
        StandInSlot? healthSlot;
        string? routingCookie = null;
        lock (_gate)
        {
            var site = _sites.FirstOrDefault(s => s.Slots.Values.Any(slot => Is(slot.DefaultHostName, host)));
            healthSlot = site?.Slots.Values.First(slot => Is(slot.DefaultHostName, host));
            if (site is not null && healthSlot == site.Production)
            {
                (healthSlot, routingCookie) = RouteProductionRequest(site, context.Request);
            }
        }

        if (healthSlot is not null)
        {
            int status;
            lock (_gate)
            {
                healthSlot.HealthHits.Add(context.Request.Path + context.Request.QueryString);
                status = healthSlot.Health();
            }

            if (status == StandInSlot.Hang)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                {
                    return; // The client gave up, as it should.
                }
            }

            if (routingCookie is not null)
            {
                context.Response.Headers.SetCookie = $"x-ms-routing-name={routingCookie}; path=/; HttpOnly";
            }

            context.Response.StatusCode = status;
            await context.Response.WriteAsync(status < 300 ? "Healthy" : "Unhealthy");
            return;
        }

        var (status2, body, headers) = HandleArm(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.Query,
            context.Request.Headers.Authorization.ToString(), await ReadBodyAsync(context.Request));
        context.Response.StatusCode = status2;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        if (body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(body);
        }
    }

    /// <summary>
    /// The production front end: the <c>x-ms-routing-name</c> cookie, else the query parameter, else a draw by the
    /// rules' <c>reroutePercentage</c>; "self" or an unknown name is production. Returns the slot and the cookie to set.
    /// </summary>
    private (StandInSlot Slot, string? Cookie) RouteProductionRequest(StandInSite site, HttpRequest request)
    {
        var pinned = request.Cookies["x-ms-routing-name"] ?? request.Query["x-ms-routing-name"].FirstOrDefault();
        if (pinned is not null)
        {
            return site.Slots.TryGetValue(pinned, out var named) && !Is(pinned, "production") ? (named, pinned) : (site.Production, "self");
        }

        var draw = _random.NextDouble() * 100;
        foreach (var rule in JsonNode.Parse(site.Production.RampUpRulesJson)!.AsArray())
        {
            var percent = rule?["reroutePercentage"]?.GetValue<double>() ?? 0;
            var target = site.Slots.Values.FirstOrDefault(slot => Is(slot.DefaultHostName, rule?["actionHostName"]?.GetValue<string>() ?? ""));
            if (target is not null && draw < percent)
            {
                return (target, target.Name);
            }

            draw -= percent;
        }

        return (site.Production, "self");
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync();
    }

    private (int Status, string? Body, List<(string, string)> Headers) HandleArm(
        string method, string path, IQueryCollection query, string authorization, string requestBody)
    {
        lock (_gate)
        {
            Requests.Add($"{method} {path}{QueryString(query)}");
            if (!query.ContainsKey("api-version"))
            {
                return Error(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
            }

            if (authorization != "Bearer " + Token)
            {
                var answer = Error(401, authorization.Length == 0 ? "AuthenticationFailed" : "InvalidAuthenticationToken",
                    "The access token is missing or invalid.");
                answer.Headers.Add(("WWW-Authenticate",
                    "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", error_description=\"The access token is invalid.\""));
                return answer;
            }

            var fault = Behaviour.Faults.FirstOrDefault(f =>
                f.Times > 0 && string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase) &&
                (f.AnywhereInPath
                    ? path.Contains(f.PathSuffix, StringComparison.OrdinalIgnoreCase)
                    : path.EndsWith(f.PathSuffix, StringComparison.OrdinalIgnoreCase)));
            if (fault is not null)
            {
                fault.Times--;
                var headers = new List<(string, string)>();
                if (fault.RetryAfterSeconds is { } seconds)
                {
                    headers.Add(("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                return (fault.Status, fault.Body, headers);
            }

            return Route(method, path, query, requestBody);
        }
    }

    private static string QueryString(IQueryCollection query) =>
        "?" + string.Join("&", query.Select(q => $"{q.Key}={q.Value}"));

    private (int, string?, List<(string, string)>) Route(string method, string path, IQueryCollection query, string requestBody)
    {
        var segments = path.Trim('/').Split('/');
        // subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Web/sites/{name}/...
        if (segments.Length < 8 || !Is(segments[0], "subscriptions") || !Is(segments[2], "resourceGroups") ||
            !Is(segments[4], "providers") || !Is(segments[5], "Microsoft.Web") || !Is(segments[6], "sites"))
        {
            return Error(404, "NotFound", $"No route for '{path}'.");
        }

        var site = _sites.FirstOrDefault(s =>
            Is(s.SubscriptionId.ToString(), segments[1]) && Is(s.ResourceGroup, segments[3]) && Is(s.Name, segments[7]));
        if (site is null)
        {
            return Error(404, "ResourceNotFound",
                $"The Resource 'Microsoft.Web/sites/{segments[7]}' under resource group '{segments[3]}' was not found.");
        }

        var rest = segments.Skip(8).ToList();
        var slot = site.Production;
        if (rest.Count >= 2 && Is(rest[0], "slots"))
        {
            if (!site.Slots.TryGetValue(rest[1], out var found) || Is(rest[1], "production"))
            {
                return Error(404, "ResourceNotFound", $"The Resource 'Microsoft.Web/sites/{site.Name}/slots/{rest[1]}' was not found.");
            }

            slot = found;
            rest = rest.Skip(2).ToList();
        }

        var action = string.Join('/', rest).ToLowerInvariant();
        return (method, action) switch
        {
            ("GET", "") => Ok(SiteJson(site, slot)),
            ("GET", "config/web") => Ok(ConfigJson(site, slot)),
            ("PATCH", "config/web") => PatchConfig(site, slot, requestBody),
            ("POST", "config/appsettings/list") => Ok(SettingsJson(site, slot)),
            ("PUT", "config/appsettings") => PutSettings(site, slot, requestBody),
            ("POST", "config/connectionstrings/list") => Ok(ConnectionStringsJson(site, slot)),
            ("GET", "config/slotconfignames") when slot == site.Production => Ok(StickyJson(site)),
            ("POST", "slotsswap") => StartSwap(site, slot, requestBody),
            ("GET", _) when rest.Count == 2 && Is(rest[0], "operationresults") => PollLocation(site, rest[1]),
            ("GET", _) when rest.Count == 2 && Is(rest[0], "operationstatuses") => PollStatus(site, rest[1]),
            ("POST", "applyslotconfig") => ApplySlotConfig(site, slot, requestBody),
            ("POST", "resetslotconfig") => ResetSlotConfig(site, slot),
            ("POST", "slotsdiffs") => SlotDiffs(site, slot, requestBody, 0),
            ("GET", "slotsdiffs") => SlotDiffs(site, slot, null, int.Parse(query["$skiptoken"].ToString(), System.Globalization.CultureInfo.InvariantCulture)),
            _ => Error(404, "NotFound", $"No operation {method} '{action}' on Microsoft.Web/sites."),
        };
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static (int, string?, List<(string, string)>) Ok(JsonNode body) => (200, body.ToJsonString(), []);

    private static (int Status, string? Body, List<(string, string)> Headers) Error(int status, string code, string message) =>
        (status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString(), []);

    private static string SlotId(StandInSite site, StandInSlot slot) =>
        slot == site.Production ? site.Id : $"{site.Id}/slots/{slot.Name}";

    private static JsonObject SiteJson(StandInSite site, StandInSlot slot)
    {
        var properties = new JsonObject
        {
            ["state"] = slot.State,
            ["enabled"] = true,
            ["hostNames"] = new JsonArray(slot.DefaultHostName),
            ["defaultHostName"] = slot.DefaultHostName,
            ["repositorySiteName"] = site.Name,
            ["targetSwapSlot"] = slot.TargetSwapSlot,
            ["siteConfig"] = new JsonObject { ["numberOfWorkers"] = 1 },
        };
        if (slot.LastSwap is { } swap)
        {
            properties["slotSwapStatus"] = new JsonObject
            {
                ["timestampUtc"] = swap.At.ToString("O"),
                ["sourceSlotName"] = swap.Source,
                ["destinationSlotName"] = swap.Destination,
            };
        }

        return new JsonObject
        {
            ["id"] = SlotId(site, slot),
            ["name"] = slot == site.Production ? site.Name : $"{site.Name}/{slot.Name}",
            ["type"] = slot == site.Production ? "Microsoft.Web/sites" : "Microsoft.Web/sites/slots",
            ["kind"] = "app",
            ["location"] = "West Europe",
            ["properties"] = properties,
        };
    }

    private static JsonObject ConfigJson(StandInSite site, StandInSlot slot) => new()
    {
        ["id"] = SlotId(site, slot) + "/config/web",
        ["name"] = "web",
        ["type"] = "Microsoft.Web/sites/config",
        ["properties"] = new JsonObject
        {
            ["numberOfWorkers"] = 1,
            ["healthCheckPath"] = slot.HealthCheckPath,
            ["experiments"] = new JsonObject { ["rampUpRules"] = JsonNode.Parse(slot.RampUpRulesJson) },
        },
    };

    private static (int, string?, List<(string, string)>) PatchConfig(StandInSite site, StandInSlot slot, string body)
    {
        var properties = JsonNode.Parse(body)?["properties"];
        if (properties is null)
        {
            return Error(400, "BadRequest", "The request body must have 'properties'.");
        }

        if (properties["healthCheckPath"] is { } health)
        {
            slot.HealthCheckPath = health.GetValue<string>();
        }

        if (properties["experiments"]?["rampUpRules"] is JsonArray rules)
        {
            foreach (var rule in rules)
            {
                var percent = rule?["reroutePercentage"]?.GetValue<double>() ?? 0;
                if (percent is < 0 or > 100)
                {
                    return Error(400, "BadRequest", "reroutePercentage must be between 0 and 100.");
                }
            }

            slot.RampUpRulesJson = rules.ToJsonString();
        }

        return Ok(ConfigJson(site, slot));
    }

    private static JsonObject SettingsJson(StandInSite site, StandInSlot slot)
    {
        var properties = new JsonObject();
        foreach (var (name, value) in slot.AppSettings)
        {
            properties[name] = value;
        }

        return new JsonObject
        {
            ["id"] = SlotId(site, slot) + "/config/appsettings",
            ["name"] = "appsettings",
            ["type"] = "Microsoft.Web/sites/config",
            ["properties"] = properties,
        };
    }

    private static (int, string?, List<(string, string)>) PutSettings(StandInSite site, StandInSlot slot, string body)
    {
        if (JsonNode.Parse(body)?["properties"] is not JsonObject properties)
        {
            return Error(400, "BadRequest", "The request body must have 'properties'.");
        }

        slot.AppSettings = properties.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
        return Ok(SettingsJson(site, slot));
    }

    private static JsonObject ConnectionStringsJson(StandInSite site, StandInSlot slot)
    {
        var properties = new JsonObject();
        foreach (var (name, (value, type)) in slot.ConnectionStrings)
        {
            properties[name] = new JsonObject { ["value"] = value, ["type"] = type };
        }

        return new JsonObject
        {
            ["id"] = SlotId(site, slot) + "/config/connectionstrings",
            ["name"] = "connectionstrings",
            ["type"] = "Microsoft.Web/sites/config",
            ["properties"] = properties,
        };
    }

    private static JsonObject StickyJson(StandInSite site) => new()
    {
        ["id"] = site.Id + "/config/slotConfigNames",
        ["name"] = "slotConfigNames",
        ["type"] = "Microsoft.Web/sites/config",
        ["properties"] = new JsonObject
        {
            ["appSettingNames"] = new JsonArray(site.StickyAppSettings.Select(n => (JsonNode?)n).ToArray()),
            ["connectionStringNames"] = new JsonArray(site.StickyConnectionStrings.Select(n => (JsonNode?)n).ToArray()),
            ["azureStorageConfigNames"] = new JsonArray(),
        },
    };

    /// <summary>Reads a CsmSlotEntity; both fields are required.</summary>
    private static string? TargetSlot(string body)
    {
        var entity = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        return entity?["targetSlot"] is JsonValue target && entity["preserveVnet"] is JsonValue ? target.GetValue<string>() : null;
    }

    private (int, string?, List<(string, string)>) StartSwap(StandInSite site, StandInSlot slot, string body)
    {
        var target = TargetSlot(body);
        if (target is null)
        {
            return Error(400, "BadRequest", "CsmSlotEntity requires 'targetSlot' and 'preserveVnet'.");
        }

        // Slot form: source = this slot, target from the body. Production form: the body names the non-production slot.
        var (source, destination) = slot == site.Production ? (target, "production") : (slot.Name, target);
        if (!site.Slots.TryGetValue(source, out var sourceSlot) || !site.Slots.TryGetValue(destination, out var destinationSlot) ||
            Is(source, destination))
        {
            return Error(400, "BadRequest", $"Cannot swap '{source}' with '{destination}'.");
        }

        if (site.Pending is { Outcome: null })
        {
            return Error(409, "Conflict", $"Cannot modify this site because another operation is in progress. Details: Id: {site.Pending.Id}, OperationName: SwapSiteSlots.");
        }

        var operation = new StandInOperation(Guid.NewGuid().ToString("N"), sourceSlot.Name, destinationSlot.Name);
        site.Pending = operation;
        var headers = new List<(string, string)>();
        if (!Behaviour.OmitPollHeaders)
        {
            var authority = Behaviour.PollOnForeignHost ? $"https://evil.example.net:{Port}" : $"https://{Endpoint.Authority}";
            headers.Add(("Location", $"{authority}{site.Id}/operationresults/{operation.Id}?api-version=2025-05-01"));
            if (Behaviour.SendAzureAsyncOperation)
            {
                headers.Add(("Azure-AsyncOperation", $"{authority}{site.Id}/operationstatuses/{operation.Id}?api-version=2025-05-01"));
            }
        }

        if (Behaviour.RetryAfterSeconds is { } seconds)
        {
            headers.Add(("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return (202, null, headers);
    }

    /// <summary>Advances the operation by one poll; returns "Running", "Succeeded" or "Failed".</summary>
    private string Advance(StandInSite site, StandInOperation operation)
    {
        if (operation.Outcome is not null)
        {
            return operation.Outcome;
        }

        operation.Polls++;
        Behaviour.OnPoll?.Invoke();
        if (Behaviour.NeverComplete || operation.Polls <= Behaviour.PollsBeforeDone)
        {
            return "Running";
        }

        if (Behaviour.FailWith is not null)
        {
            operation.Outcome = "Failed";
            return operation.Outcome;
        }

        CompleteSwap(site, site.Slots[operation.Source], site.Slots[operation.Target]);
        operation.Outcome = "Succeeded";
        return operation.Outcome;
    }

    private (int, string?, List<(string, string)>) PollLocation(StandInSite site, string id)
    {
        if (site.Pending?.Id != id)
        {
            return Error(404, "NotFound", $"Operation {id} not found.");
        }

        return Advance(site, site.Pending) switch
        {
            "Running" => (202, null, RetryAfterHeader()),
            "Succeeded" => (200, null, []),
            _ => Error(400, Behaviour.FailWith!.Value.Code, Behaviour.FailWith.Value.Message),
        };
    }

    private (int, string?, List<(string, string)>) PollStatus(StandInSite site, string id)
    {
        if (site.Pending?.Id != id)
        {
            return Error(404, "NotFound", $"Operation {id} not found.");
        }

        var state = Advance(site, site.Pending);
        var body = new JsonObject { ["id"] = id, ["status"] = state == "Running" ? "InProgress" : state };
        if (state == "Failed")
        {
            body["error"] = new JsonObject { ["code"] = Behaviour.FailWith!.Value.Code, ["message"] = Behaviour.FailWith.Value.Message };
        }

        return (200, body.ToJsonString(), state == "Running" ? RetryAfterHeader() : []);
    }

    private List<(string, string)> RetryAfterHeader() =>
        Behaviour.RetryAfterSeconds is { } seconds ? [("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))] : [];

    /// <summary>Swaps content and non-sticky settings; sticky ones stay with their slot.</summary>
    private static void CompleteSwap(StandInSite site, StandInSlot source, StandInSlot target)
    {
        RestorePreview(source);
        RestorePreview(target);
        (source.AppSettings, target.AppSettings) = (
            Exchange(source.AppSettings, target.AppSettings, site.StickyAppSettings),
            Exchange(target.AppSettings, source.AppSettings, site.StickyAppSettings));
        (source.ConnectionStrings, target.ConnectionStrings) = (
            Exchange(source.ConnectionStrings, target.ConnectionStrings, site.StickyConnectionStrings),
            Exchange(target.ConnectionStrings, source.ConnectionStrings, site.StickyConnectionStrings));
        (source.Health, target.Health) = (target.Health, source.Health);
        var now = DateTimeOffset.UtcNow;
        source.LastSwap = (now, source.Name, target.Name);
        target.LastSwap = (now, source.Name, target.Name);
    }

    /// <summary>The settings a slot has after a swap: its own sticky ones, the other slot's non-sticky ones.</summary>
    private static Dictionary<string, T> Exchange<T>(Dictionary<string, T> mine, Dictionary<string, T> other, HashSet<string> sticky)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (name, value) in mine.Where(p => sticky.Contains(p.Key)))
        {
            result[name] = value;
        }

        foreach (var (name, value) in other.Where(p => !sticky.Contains(p.Key)))
        {
            result[name] = value;
        }

        return result;
    }

    private static (int, string?, List<(string, string)>) ApplySlotConfig(StandInSite site, StandInSlot slot, string body)
    {
        var target = TargetSlot(body);
        if (target is null || !site.Slots.TryGetValue(target, out var other) || other == slot)
        {
            return Error(400, "BadRequest", "CsmSlotEntity requires 'targetSlot' (another slot) and 'preserveVnet'.");
        }

        // Production form: the body names the source slot; it receives production's sticky settings.
        var (source, destination) = slot == site.Production ? (other, slot) : (slot, other);
        source.SavedBeforePreview = site.StickyAppSettings.ToDictionary(n => n, n => source.AppSettings.GetValueOrDefault(n), StringComparer.Ordinal);
        foreach (var name in site.StickyAppSettings)
        {
            if (destination.AppSettings.TryGetValue(name, out var value))
            {
                source.AppSettings[name] = value;
            }
            else
            {
                source.AppSettings.Remove(name);
            }
        }

        source.TargetSwapSlot = destination.Name;
        return (200, null, []);
    }

    private static (int, string?, List<(string, string)>) ResetSlotConfig(StandInSite site, StandInSlot slot)
    {
        if (slot == site.Production)
        {
            foreach (var other in site.Slots.Values.Where(s => Is(s.TargetSwapSlot ?? "", "production")))
            {
                RestorePreview(other);
            }
        }
        else
        {
            RestorePreview(slot);
        }

        return (200, null, []);
    }

    private static void RestorePreview(StandInSlot slot)
    {
        if (slot.SavedBeforePreview is { } saved)
        {
            foreach (var (name, value) in saved)
            {
                if (value is null)
                {
                    slot.AppSettings.Remove(name);
                }
                else
                {
                    slot.AppSettings[name] = value;
                }
            }
        }

        slot.SavedBeforePreview = null;
        slot.TargetSwapSlot = null;
    }

    private (int, string?, List<(string, string)>) SlotDiffs(StandInSite site, StandInSlot slot, string? body, int skip)
    {
        var targetName = body is null ? "production" : TargetSlot(body);
        if (targetName is null || !site.Slots.TryGetValue(targetName, out var target))
        {
            return Error(400, "BadRequest", "CsmSlotEntity requires 'targetSlot' and 'preserveVnet'.");
        }

        var differences = slot.AppSettings.Keys.Union(target.AppSettings.Keys).Order(StringComparer.Ordinal)
            .Where(name => slot.AppSettings.GetValueOrDefault(name) != target.AppSettings.GetValueOrDefault(name))
            .Select(name => new JsonObject
            {
                ["id"] = $"{SlotId(site, slot)}/slotsdiffs/{name}",
                ["name"] = name,
                ["type"] = "Microsoft.Web/sites/slots/slotsdiffs",
                ["properties"] = new JsonObject
                {
                    ["level"] = site.StickyAppSettings.Contains(name) ? "Information" : "Warning",
                    ["settingType"] = "AppSetting",
                    ["diffRule"] = site.StickyAppSettings.Contains(name) ? "SettingsWillNotBeSwapped" : "SettingsWillBeSwapped",
                    ["settingName"] = name,
                    ["valueInCurrentSlot"] = slot.AppSettings.GetValueOrDefault(name),
                    ["valueInTargetSlot"] = target.AppSettings.GetValueOrDefault(name),
                    ["description"] = site.StickyAppSettings.Contains(name) ? "Slot setting: stays with the slot." : "Will be swapped.",
                },
            })
            .ToList();
        var page = new JsonArray(differences.Skip(skip).Take(Behaviour.DiffPageSize).Select(d => (JsonNode?)d).ToArray());
        var result = new JsonObject { ["value"] = page };
        if (skip + Behaviour.DiffPageSize < differences.Count)
        {
            result["nextLink"] = $"https://{Endpoint.Authority}{SlotId(site, slot)}/slotsdiffs?api-version=2025-05-01&$skiptoken={skip + Behaviour.DiffPageSize}";
        }

        return Ok(result);
    }

    /// <summary>One self-signed ECDSA certificate for every stand-in of the test run (key generation is not free).</summary>
    private static readonly Lazy<byte[]> CertificatePfx = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=arm-stand-in", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Pfx);
    });

    private static X509Certificate2 CreateCertificate() => X509CertificateLoader.LoadPkcs12(CertificatePfx.Value, null);
}
