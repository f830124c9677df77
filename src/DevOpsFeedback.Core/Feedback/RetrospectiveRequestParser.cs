using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using DevOpsFeedback.Api;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Validates the body of <c>POST /api/retrospectives</c> (http-api.md): <c>team</c>, <c>iteration</c>, optional
/// <c>releaseIds</c>, and 1–200 <c>items</c>; <c>owner</c> and <c>dueDate</c> (a real <c>YYYY-MM-DD</c> date) are
/// required on actions and refused on other kinds.
/// </summary>
public static class RetrospectiveRequestParser
{
    public const int MaxItems = 200;
    public const int MaxReleaseIds = 50;
    public const int MaxTextChars = 2000;
    public const int MaxOwnerChars = 200;
    public const int MaxVotes = 1000;

    public static ParseResult<RetrospectiveSubmission> Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object");
            return ParseResult.Invalid<RetrospectiveSubmission>(errors);
        }

        var team = FieldRules.Id(body, "team", "team", errors);
        var iteration = FieldRules.Id(body, "iteration", "iteration", errors);
        var releaseIds = ParseReleaseIds(body, errors);
        var items = ImmutableArray.CreateBuilder<RetrospectiveItem>();

        if (!body.TryGetProperty("items", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            errors.Add("items", "is required");
        }
        else if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("items", "must be an array");
        }
        else if (list.GetArrayLength() is 0 or > MaxItems)
        {
            errors.Add("items", $"must hold 1 to {MaxItems} items");
        }
        else
        {
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var item = ParseItem(element, $"items[{index}]", errors);
                if (item is not null) items.Add(item);
                index++;
            }
        }

        if (!errors.IsEmpty || team is null || iteration is null) return ParseResult.Invalid<RetrospectiveSubmission>(errors);
        return ParseResult.Ok(new RetrospectiveSubmission(team, iteration, releaseIds, items.ToImmutable()));
    }

    private static ImmutableArray<string> ParseReleaseIds(JsonElement body, FieldErrors errors)
    {
        if (!body.TryGetProperty("releaseIds", out var list) || list.ValueKind == JsonValueKind.Null) return [];
        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("releaseIds", "must be an array of release ids");
            return [];
        }

        if (list.GetArrayLength() > MaxReleaseIds)
        {
            errors.Add("releaseIds", $"must hold at most {MaxReleaseIds} ids");
            return [];
        }

        var ids = ImmutableArray.CreateBuilder<string>();
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var path = $"releaseIds[{index++}]";
            if (element.ValueKind != JsonValueKind.String || !FieldRules.IsId(element.GetString()!))
            {
                errors.Add(path, "must match [A-Za-z0-9._-]{1,100}");
                continue;
            }

            ids.Add(element.GetString()!);
        }

        return ids.ToImmutable();
    }

    private static RetrospectiveItem? ParseItem(JsonElement item, string path, FieldErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be a JSON object");
            return null;
        }

        var before = errors.Count;
        RetrospectiveItemKind? kind = null;
        var kindText = FieldRules.RequiredString(item, "kind", path + ".kind", errors);
        if (kindText is not null)
        {
            kind = kindText switch
            {
                "went-well" => RetrospectiveItemKind.WentWell,
                "to-improve" => RetrospectiveItemKind.ToImprove,
                "action" => RetrospectiveItemKind.Action,
                _ => null,
            };
            if (kind is null) errors.Add(path + ".kind", "must be one of went-well, to-improve, action");
        }

        var text = FieldRules.RequiredString(item, "text", path + ".text", errors);
        if (text is not null && FieldRules.FreeTextProblem(text, MaxTextChars) is { } problem)
        {
            errors.Add(path + ".text", problem);
        }

        var votes = FieldRules.OptionalInt(item, "votes", path + ".votes", 0, MaxVotes, errors) ?? 0;

        var owner = FieldRules.OptionalString(item, "owner", path + ".owner", errors);
        var dueText = FieldRules.OptionalString(item, "dueDate", path + ".dueDate", errors);
        DateOnly? due = null;
        if (kind == RetrospectiveItemKind.Action)
        {
            if (owner is null && !errors.Contains(path + ".owner")) errors.Add(path + ".owner", "is required on an action");
            else if (owner is not null && FieldRules.FreeTextProblem(owner, MaxOwnerChars) is { } ownerProblem) errors.Add(path + ".owner", ownerProblem);

            if (dueText is null && !errors.Contains(path + ".dueDate")) errors.Add(path + ".dueDate", "is required on an action");
            else if (dueText is not null)
            {
                if (DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) due = parsed;
                else errors.Add(path + ".dueDate", "must be a real date as YYYY-MM-DD");
            }
        }
        else if (kind is not null)
        {
            if (item.TryGetProperty("owner", out _)) errors.Add(path + ".owner", "is allowed on actions only");
            if (item.TryGetProperty("dueDate", out _)) errors.Add(path + ".dueDate", "is allowed on actions only");
        }

        if (errors.Count != before || kind is null || text is null) return null;
        return new RetrospectiveItem(kind.Value, text, votes, owner, due);
    }
}
