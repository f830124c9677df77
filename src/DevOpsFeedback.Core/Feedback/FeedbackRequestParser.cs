using System.Collections.Immutable;
using System.Text.Json;
using DevOpsFeedback.Api;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Validates the body of <c>POST /api/feedback</c> (http-api.md "Feedback and retrospectives"): one item, or
/// <c>{"items": [...]}</c> with 1–500 items. One bad item rejects the whole batch; errors name the item's index
/// (<c>items[3].text</c>). The HTTP layer has already rejected malformed JSON, unknown properties, duplicates,
/// a BOM and excess depth; this checks the fields.
/// </summary>
public static class FeedbackRequestParser
{
    public const int MaxBatchItems = 500;
    public const int MaxTextChars = 4000;
    public const int MaxUserRefChars = 200;
    public const int MaxPageChars = 2000;

    public static ParseResult<IReadOnlyList<FeedbackSubmission>> Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object");
            return ParseResult.Invalid<IReadOnlyList<FeedbackSubmission>>(errors);
        }

        var items = ImmutableArray.CreateBuilder<FeedbackSubmission>();
        if (body.TryGetProperty("items", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                errors.Add("items", "must be an array");
            }
            else if (list.GetArrayLength() is 0 or > MaxBatchItems)
            {
                errors.Add("items", $"must hold 1 to {MaxBatchItems} items");
            }
            else
            {
                var index = 0;
                foreach (var element in list.EnumerateArray())
                {
                    var item = ParseItem(element, $"items[{index}].", errors);
                    if (item is not null) items.Add(item);
                    index++;
                }
            }
        }
        else
        {
            var item = ParseItem(body, "", errors);
            if (item is not null) items.Add(item);
        }

        return errors.IsEmpty
            ? ParseResult.Ok<IReadOnlyList<FeedbackSubmission>>(items.ToImmutable())
            : ParseResult.Invalid<IReadOnlyList<FeedbackSubmission>>(errors);
    }

    private static FeedbackSubmission? ParseItem(JsonElement item, string prefix, FieldErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), "must be a JSON object");
            return null;
        }

        var before = errors.Count;
        var app = FieldRules.Id(item, "app", prefix + "app", errors);

        var version = FieldRules.OptionalString(item, "version", prefix + "version", errors);
        if (version is not null && !FieldRules.IsVersion(version))
        {
            errors.Add(prefix + "version", "must match [A-Za-z0-9._+-]{1,64}");
        }

        var rating = FieldRules.OptionalInt(item, "rating", prefix + "rating", 1, 5, errors);

        FeedbackCategory? category = null;
        var categoryText = FieldRules.RequiredString(item, "category", prefix + "category", errors);
        if (categoryText is not null)
        {
            category = categoryText switch
            {
                "bug" => FeedbackCategory.Bug,
                "idea" => FeedbackCategory.Idea,
                "praise" => FeedbackCategory.Praise,
                "question" => FeedbackCategory.Question,
                _ => null,
            };
            if (category is null) errors.Add(prefix + "category", "must be one of bug, idea, praise, question");
        }

        var text = FieldRules.RequiredString(item, "text", prefix + "text", errors);
        if (text is not null && FieldRules.FreeTextProblem(text, MaxTextChars) is { } textProblem)
        {
            errors.Add(prefix + "text", textProblem);
        }

        var userRef = FieldRules.OptionalString(item, "userRef", prefix + "userRef", errors);
        if (userRef is not null && FieldRules.FreeTextProblem(userRef, MaxUserRefChars) is { } userProblem)
        {
            errors.Add(prefix + "userRef", userProblem);
        }

        var page = FieldRules.OptionalString(item, "page", prefix + "page", errors);
        if (page is not null && PageProblem(page) is { } pageProblem)
        {
            errors.Add(prefix + "page", pageProblem);
        }

        if (errors.Count != before || app is null || category is null || text is null) return null;
        return new FeedbackSubmission(app, version, rating, category.Value, text, userRef, page);
    }

    private static string? PageProblem(string page)
    {
        if (page.Length is 0 or > MaxPageChars) return $"must be 1 to {MaxPageChars} characters";
        if (page[0] != '/' || page.StartsWith("//", StringComparison.Ordinal) || page.Contains('\\'))
        {
            return "must be a relative path starting with '/'";
        }

        return page.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) ? "must not contain whitespace or control characters" : null;
    }
}
