using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DevOpsFeedback.Api;

/// <summary>
/// Reads one JSON object of our own contracts field by field, collecting errors by path: wrong types, missing
/// required fields, values out of range, and (on <see cref="Finish"/>) properties the contract does not know.
/// </summary>
public sealed partial class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly string _prefix;
    private readonly FieldErrors _errors;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public JsonObjectReader(JsonElement element, FieldErrors errors, string prefix = "")
    {
        _element = element;
        _errors = errors;
        _prefix = prefix;
        IsObject = element.ValueKind == JsonValueKind.Object;
        if (!IsObject) errors.Add(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), "must be a JSON object");
    }

    public bool IsObject { get; }

    public FieldErrors Errors => _errors;

    public string Path(string name) => _prefix + name;

    /// <summary>Ids (<c>releaseId</c>, <c>app</c>, <c>team</c>): <c>[A-Za-z0-9._-]{1,100}</c>.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    public static partial Regex IdPattern();

    public static bool IsId(string? value) => value is not null && IdPattern().IsMatch(value);

    /// <summary>Free text may hold \n and \t but no other control characters.</summary>
    public static bool IsCleanText(string value) => !value.Any(c => char.IsControl(c) && c != '\n' && c != '\t');

    public JsonElement? Raw(string name)
    {
        _known.Add(name);
        if (!IsObject || !_element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v;
    }

    public string? String(string name, bool required, int maxLength = 4000, Regex? pattern = null, string? patternText = null, bool freeText = true)
    {
        var v = Raw(name);
        if (v is null)
        {
            if (required) _errors.Add(Path(name), "is required");
            return null;
        }

        if (v.Value.ValueKind != JsonValueKind.String)
        {
            _errors.Add(Path(name), "must be a string");
            return null;
        }

        var s = v.Value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(s))
        {
            _errors.Add(Path(name), "must not be blank");
            return null;
        }

        if (s.Length > maxLength)
        {
            _errors.Add(Path(name), $"must be at most {maxLength} characters");
            return null;
        }

        if (pattern is not null && !pattern.IsMatch(s))
        {
            _errors.Add(Path(name), $"must match {patternText ?? pattern.ToString()}");
            return null;
        }

        if (freeText && !IsCleanText(s))
        {
            _errors.Add(Path(name), "must not contain control characters other than \\n and \\t");
            return null;
        }

        return s;
    }

    public string? Id(string name, bool required) => String(name, required, 100, IdPattern(), "[A-Za-z0-9._-]{1,100}", freeText: false);

    public int? Int(string name, bool required, int min, int max)
    {
        var v = Raw(name);
        if (v is null)
        {
            if (required) _errors.Add(Path(name), "is required");
            return null;
        }

        if (v.Value.ValueKind != JsonValueKind.Number || !v.Value.TryGetInt32(out var i))
        {
            _errors.Add(Path(name), "must be an integer");
            return null;
        }

        if (i < min || i > max)
        {
            _errors.Add(Path(name), $"must be between {min} and {max}");
            return null;
        }

        return i;
    }

    /// <summary>An enum given by its wire names (e.g. "went-well").</summary>
    public T? Enum<T>(string name, bool required, IReadOnlyDictionary<string, T> names)
        where T : struct
    {
        var s = String(name, required, 100, freeText: false);
        if (s is null) return null;
        if (names.TryGetValue(s, out var value)) return value;
        _errors.Add(Path(name), $"must be one of: {string.Join(", ", names.Keys.Select(k => $"'{k}'"))}");
        return null;
    }

    public ImmutableArray<JsonElement>? Array(string name, bool required, int maxItems, int minItems = 0)
    {
        var v = Raw(name);
        if (v is null)
        {
            if (required) _errors.Add(Path(name), "is required");
            return null;
        }

        if (v.Value.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(Path(name), "must be an array");
            return null;
        }

        var items = v.Value.EnumerateArray().ToImmutableArray();
        if (items.Length > maxItems) _errors.Add(Path(name), $"must have at most {maxItems} items");
        else if (items.Length < minItems) _errors.Add(Path(name), $"must have at least {minItems} item(s)");
        else return items;
        return null;
    }

    /// <summary>Reports every property the contract does not name.</summary>
    public void Finish()
    {
        if (!IsObject) return;
        foreach (var p in _element.EnumerateObject())
        {
            if (!_known.Contains(p.Name)) _errors.Add(Path(p.Name), "is not a known property");
        }
    }
}
