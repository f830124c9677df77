using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace DevOpsFeedback.Notifications;

/// <summary>
/// Where notifications go, bound from the <c>Notifications</c> configuration section:
/// <code>
/// "Notifications": {
///   "BaseUrl": "https://dfb.contoso.com",
///   "Sinks": { "ops-teams": { "Type": "teams", "Url": "https://..." }, "audit": { "Type": "webhook", "Url": "https://...", "Secret": "..." } },
///   "Routes": { "*": { "*": [ "audit" ] }, "contoso-web": { "approval-needed": [ "ops-teams" ], "rolled-back": [ "ops-teams" ] } },
///   "Delivery": { "MaxAttempts": 5, "InitialDelay": "00:00:02", "MaxDelay": "00:02:00" }
/// }
/// </code>
/// A notification goes to the union of the sinks routed for (its app or "*") and (its kind or "*"). A sink may also carry its own
/// route as values (<c>"Sinks": { "ops-teams": { ..., "Apps": [ "*" ], "Kinds": [ "approval-needed" ] } }</c>), the form for
/// App Service app settings, whose names cannot hold "*" or "-".
/// </summary>
public sealed partial class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Sink types the product ships.</summary>
    public static ImmutableArray<string> SinkTypes { get; } = ["webhook", "teams", "slack"];

    /// <summary>Public address of the DevOpsFeedback API, used for links in notifications.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sinks by name.</summary>
    public Dictionary<string, NotificationSinkOptions> Sinks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>App name (or "*") → kind wire name (or "*") → sink names.</summary>
    public Dictionary<string, Dictionary<string, List<string>>> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public NotificationDeliveryOptions Delivery { get; set; } = new();

    /// <summary>Whether any sink is configured; without one, notifications are off and nothing else is required.</summary>
    public bool IsEnabled => Sinks is { Count: > 0 };

    /// <summary>Every problem, each naming its configuration key; empty when the options are usable.</summary>
    public ImmutableArray<string> Validate()
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        var p = SectionName;
        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            if (IsEnabled) errors.Add($"{p}:BaseUrl: required when sinks are configured (the public address of the API, for links)");
        }
        else
        {
            try
            {
                ReleaseNotifications.ParseBaseUrl(BaseUrl);
            }
            catch (ArgumentException ex)
            {
                errors.Add($"{p}:BaseUrl: {ex.Message}");
            }
        }

        foreach (var twins in (Sinks ?? []).Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{p}:Sinks: names differ only in case: {string.Join(", ", twins)}");
        }

        foreach (var (name, sink) in Sinks ?? [])
        {
            var key = $"{p}:Sinks:{name}";
            if (!SinkName().IsMatch(name)) errors.Add($"{key}: sink names match [A-Za-z0-9._-]{{1,64}}");
            if (sink is null)
            {
                errors.Add($"{key}: empty");
                continue;
            }

            if (sink.Type is null || !SinkTypes.Contains(sink.Type, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{key}:Type: must be one of {string.Join(", ", SinkTypes)}, not '{sink.Type}'");
            }

            if (!TryParseSinkUrl(sink.Url, out _, out var urlError)) errors.Add($"{key}:Url: {urlError}");
            if (sink.Secret is not null && sink.Secret.Length < 16) errors.Add($"{key}:Secret: at least 16 characters when set");
            for (var i = 0; i < (sink.Apps?.Count ?? 0); i++)
            {
                var app = sink.Apps![i];
                if (app != "*" && !AppName().IsMatch(app ?? "")) errors.Add($"{key}:Apps:{i}: an app name ([A-Za-z0-9._-]{{1,100}}) or \"*\", not '{app}'");
            }

            for (var i = 0; i < (sink.Kinds?.Count ?? 0); i++)
            {
                var kind = sink.Kinds![i];
                if (kind != "*" && !NotificationKinds.TryParse(kind, out _)) errors.Add($"{key}:Kinds:{i}: unknown kind '{kind}'; kinds are * or {string.Join(", ", NotificationKinds.AllNames)}");
            }
        }

        foreach (var (app, byKind) in Routes ?? [])
        {
            var appKey = $"{p}:Routes:{app}";
            if (app != "*" && !AppName().IsMatch(app)) errors.Add($"{appKey}: an app name ([A-Za-z0-9._-]{{1,100}}) or \"*\"");
            foreach (var (kind, sinks) in byKind ?? [])
            {
                var kindKey = $"{appKey}:{kind}";
                if (kind != "*" && !NotificationKinds.TryParse(kind, out _))
                {
                    errors.Add($"{kindKey}: unknown kind; kinds are * or {string.Join(", ", NotificationKinds.AllNames)}");
                }

                for (var i = 0; i < (sinks?.Count ?? 0); i++)
                {
                    if (!(Sinks ?? []).Keys.Contains(sinks![i] ?? "", StringComparer.OrdinalIgnoreCase))
                    {
                        errors.Add($"{kindKey}:{i}: no sink named '{sinks[i]}' under {p}:Sinks");
                    }
                }
            }
        }

        var d = Delivery ?? new NotificationDeliveryOptions();
        if (d.MaxAttempts is < 1 or > 20) errors.Add($"{p}:Delivery:MaxAttempts: between 1 and 20, not {d.MaxAttempts}");
        if (d.InitialDelay < TimeSpan.Zero || d.InitialDelay > TimeSpan.FromMinutes(10)) errors.Add($"{p}:Delivery:InitialDelay: between 0 and 10 minutes, not {d.InitialDelay}");
        if (d.MaxDelay < d.InitialDelay || d.MaxDelay > TimeSpan.FromHours(1)) errors.Add($"{p}:Delivery:MaxDelay: at least InitialDelay and at most 1 hour, not {d.MaxDelay}");
        if (d.AttemptTimeout <= TimeSpan.Zero || d.AttemptTimeout > TimeSpan.FromMinutes(5)) errors.Add($"{p}:Delivery:AttemptTimeout: above 0 and at most 5 minutes, not {d.AttemptTimeout}");
        return errors.ToImmutable();
    }

    /// <summary>
    /// A sink URL must be absolute https; plain http is accepted only for a loopback host (local stand-ins),
    /// because the URL and the payload carry release details and webhook URLs are credentials.
    /// </summary>
    public static bool TryParseSinkUrl(string? value, out Uri url, out string error)
    {
        url = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var parsed))
        {
            error = "required: an absolute https URL";
            return false;
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && !(parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback))
        {
            error = "must be https (http only for a loopback address)";
            return false;
        }

        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            error = "must not carry user information";
            return false;
        }

        url = parsed;
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SinkName();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex AppName();
}
