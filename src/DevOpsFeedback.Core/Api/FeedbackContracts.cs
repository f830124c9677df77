using System.Collections.Immutable;
using System.Text.Json;
using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Api;

/// <summary>
/// Reads <c>POST /api/feedback</c> and <c>POST /api/retrospectives</c> bodies: the common body rules
/// (<see cref="StrictJson"/>), properties the contract does not know, then the field rules of
/// <see cref="FeedbackRequestParser"/> and <see cref="RetrospectiveRequestParser"/>, all into one <see cref="FieldErrors"/>.
/// </summary>
public static class FeedbackContracts
{
    private static readonly ImmutableHashSet<string> FeedbackFields =
        ImmutableHashSet.Create(StringComparer.Ordinal, "app", "version", "rating", "category", "text", "userRef", "page");

    private static readonly ImmutableHashSet<string> RetrospectiveFields =
        ImmutableHashSet.Create(StringComparer.Ordinal, "team", "iteration", "releaseIds", "items");

    private static readonly ImmutableHashSet<string> RetrospectiveItemFields =
        ImmutableHashSet.Create(StringComparer.Ordinal, "kind", "text", "votes", "owner", "dueDate");

    /// <summary>One item or <c>{"items": [...]}</c> (1–500); null with errors when anything is wrong.</summary>
    public static IReadOnlyList<FeedbackSubmission>? ParseFeedback(ReadOnlyMemory<byte> body, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        using var doc = StrictJson.Parse(body, errors);
        if (doc is null) return null;
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items))
        {
            UnknownProperties(root, ImmutableHashSet.Create(StringComparer.Ordinal, "items"), "", errors);
            if (items.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in items.EnumerateArray()) UnknownProperties(item, FeedbackFields, $"items[{index++}].", errors);
            }
        }
        else
        {
            UnknownProperties(root, FeedbackFields, "", errors);
        }

        var parsed = FeedbackRequestParser.Parse(root);
        errors.AddRange(parsed.Errors);
        return errors.IsEmpty ? parsed.Value : null;
    }

    /// <summary>A retrospective; null with errors when anything is wrong.</summary>
    public static RetrospectiveSubmission? ParseRetrospective(ReadOnlyMemory<byte> body, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        using var doc = StrictJson.Parse(body, errors);
        if (doc is null) return null;
        var root = doc.RootElement;
        UnknownProperties(root, RetrospectiveFields, "", errors);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in items.EnumerateArray()) UnknownProperties(item, RetrospectiveItemFields, $"items[{index++}].", errors);
        }

        var parsed = RetrospectiveRequestParser.Parse(root);
        errors.AddRange(parsed.Errors);
        return errors.IsEmpty ? parsed.Value : null;
    }

    /// <summary><c>POST /api/planning/{key}/close</c> and <c>/reopen</c>: <c>{"scope": "contoso-web"}</c> (the app or team of the item).</summary>
    public static string? ParsePlanningStatus(ReadOnlyMemory<byte> body, FieldErrors errors)
    {
        using var doc = OpenObject(body, ImmutableHashSet.Create(StringComparer.Ordinal, "scope"), errors);
        if (doc is null) return null;
        var scope = FieldRules.Id(doc.RootElement, "scope", "scope", errors);
        return errors.IsEmpty ? scope : null;
    }

    /// <summary>
    /// <c>POST /api/retrospectives/{id}/actions/{index}/done</c>: an empty body (done today) or <c>{"completedOn": "YYYY-MM-DD"}</c>,
    /// not after <paramref name="today"/>.
    /// </summary>
    public static DateOnly? ParseActionDone(ReadOnlyMemory<byte> body, DateOnly today, FieldErrors errors)
    {
        if (body.IsEmpty) return today;
        using var doc = OpenObject(body, ImmutableHashSet.Create(StringComparer.Ordinal, "completedOn"), errors);
        if (doc is null) return null;
        if (!doc.RootElement.TryGetProperty("completedOn", out var value)) return errors.IsEmpty ? today : null;
        if (value.ValueKind != JsonValueKind.String || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            errors.Add("completedOn", "must be a date (YYYY-MM-DD)");
            return null;
        }

        if (date > today) errors.Add("completedOn", $"must not be after today ({today:yyyy-MM-dd})");
        return errors.IsEmpty ? date : null;
    }

    /// <summary>The body as a JSON object whose properties are all <paramref name="known"/>; null (with errors) when it is not.</summary>
    private static JsonDocument? OpenObject(ReadOnlyMemory<byte> body, ImmutableHashSet<string> known, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var doc = StrictJson.Parse(body, errors);
        if (doc is null) return null;
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object");
            doc.Dispose();
            return null;
        }

        UnknownProperties(doc.RootElement, known, "", errors);
        return doc;
    }

    private static void UnknownProperties(JsonElement element, ImmutableHashSet<string> known, string prefix, FieldErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Object) return; // the field rules report the wrong type
        foreach (var p in element.EnumerateObject())
        {
            if (!known.Contains(p.Name)) errors.Add(prefix + p.Name, "is not a known property");
        }
    }
}
