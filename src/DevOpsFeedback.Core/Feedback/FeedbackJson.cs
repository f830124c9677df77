using System.Text.Json;
using System.Text.Json.Serialization;

namespace DevOpsFeedback.Feedback;

/// <summary>The JSON shape of stored feedback documents and planning output (camelCase, enums as kebab-case strings).</summary>
public static class FeedbackJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"stored {what} document is null");
}
