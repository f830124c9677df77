namespace DevOpsFeedback.Notifications;

/// <summary>One named sink: its type (webhook, teams, slack), its URL and, for generic webhooks, an optional signing secret.</summary>
public sealed class NotificationSinkOptions
{
    public string? Type { get; set; }

    public string? Url { get; set; }

    /// <summary>When set, a generic webhook signs each body with HMAC-SHA256 (header <c>X-Dfb-Signature: sha256=hex</c>).</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Apps this sink hears about (app names or "*"), a route kept with the sink. With <see cref="Kinds"/> it is the same as
    /// <c>Routes:{app}:{kind}</c> naming this sink, but the app names and kinds are values, not keys: App Service app-setting
    /// names allow only letters, digits, '.' and '_', so "*" and kinds such as <c>approval-needed</c> cannot be keys there.
    /// When only one of the two lists is given, the other means "*"; when neither is, only <c>Routes</c> reach the sink.
    /// </summary>
    public List<string> Apps { get; set; } = [];

    /// <summary>Kinds this sink hears (wire names or "*"); see <see cref="Apps"/>.</summary>
    public List<string> Kinds { get; set; } = [];

    /// <summary>The (app, kind) routes kept with the sink.</summary>
    public IEnumerable<(string App, string Kind)> OwnRoutes()
    {
        var apps = Apps ?? [];
        var kinds = Kinds ?? [];
        if (apps.Count == 0 && kinds.Count == 0) return [];
        return from app in apps.Count == 0 ? ["*"] : apps
               from kind in kinds.Count == 0 ? ["*"] : kinds
               select (app, kind);
    }
}
