using System.Collections.Immutable;

namespace DevOpsFeedback.Notifications;

/// <summary>Routes from configuration: which sinks hear a kind of notification about an app.</summary>
public sealed class NotificationRouter
{
    private readonly ImmutableDictionary<string, SinkEndpoint> _sinks;
    private readonly ImmutableArray<(string App, string Kind, ImmutableArray<string> Sinks)> _routes;

    /// <exception cref="ArgumentException">The options are invalid; the message lists each problem by configuration key.</exception>
    public NotificationRouter(NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (!errors.IsEmpty) throw new ArgumentException("invalid notification settings: " + string.Join("; ", errors), nameof(options));

        _sinks = options.Sinks.ToImmutableDictionary(
            kv => kv.Key,
            kv =>
            {
                if (!NotificationOptions.TryParseSinkUrl(kv.Value.Url, out var url, out var error)) throw new ArgumentException(error, nameof(options));
                return new SinkEndpoint(kv.Key, kv.Value.Type!.ToLowerInvariant(), url, kv.Value.Secret);
            },
            StringComparer.OrdinalIgnoreCase);
        _routes =
        [
            .. from app in options.Routes
               from kind in app.Value
               select (app.Key, kind.Key, kind.Value.ToImmutableArray()),
            .. from sink in options.Sinks
               from route in sink.Value.OwnRoutes()
               select (route.App, route.Kind, ImmutableArray.Create(sink.Key)),
        ];
    }

    public IReadOnlyCollection<SinkEndpoint> Sinks => [.. _sinks.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>The sinks for a notification about <paramref name="app"/> of <paramref name="kind"/>, each once, by name.</summary>
    public ImmutableArray<SinkEndpoint> SinksFor(string app, NotificationKind kind)
    {
        var name = NotificationKinds.Name(kind);
        return
        [
            .. _routes
                .Where(r => (r.App == "*" || string.Equals(r.App, app, StringComparison.OrdinalIgnoreCase))
                    && (r.Kind == "*" || string.Equals(r.Kind, name, StringComparison.OrdinalIgnoreCase)))
                .SelectMany(r => r.Sinks)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(s => _sinks[s])
                .OrderBy(s => s.Name, StringComparer.Ordinal),
        ];
    }
}
