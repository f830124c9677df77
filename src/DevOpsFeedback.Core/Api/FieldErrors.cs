using System.Collections.Immutable;

namespace DevOpsFeedback.Api;

/// <summary>Validation errors keyed by field path (<c>canary.steps[1]</c>), as problem+json's <c>errors</c>.</summary>
public sealed class FieldErrors
{
    private readonly SortedDictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Number of messages recorded so far (a parser compares it before and after a part).</summary>
    public int Count { get; private set; }

    public bool Contains(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        Count++;
    }

    public void AddRange(IEnumerable<KeyValuePair<string, string[]>> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var m in messages) Add(field, m);
        }
    }

    public ImmutableSortedDictionary<string, string[]> ToDictionary() =>
        _errors.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() => string.Join("; ", _errors.Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}"));
}
