using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

/// <summary>The one JSON shape of events, actions, results and signals: in the store, across activities, on the API.</summary>
public static class ReleaseJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    public static EventEnvelope ToEnvelope(ReleaseEvent e, long version) =>
        new(version, e.At, e.GetType().Name, JsonSerializer.Serialize(e, Options));

    public static ReleaseEvent FromEnvelope(EventEnvelope envelope) =>
        JsonSerializer.Deserialize<ReleaseEvent>(envelope.Data, Options)
        ?? throw new JsonException($"event {envelope.Version} ({envelope.Type}) is empty");

    public static ImmutableArray<EventEnvelope> ToEnvelopes(long expectedVersion, IEnumerable<ReleaseEvent> events) =>
        [.. events.Select((e, i) => ToEnvelope(e, expectedVersion + i + 1))];

    public static ReleaseState Fold(ReleaseLog log) => ReleaseDecider.Fold(log.Events.Select(FromEnvelope));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"empty {typeof(T).Name}");
}
