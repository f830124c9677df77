namespace DevOpsFeedback.Azure.Tables;

/// <summary>Table-name rules: 3-63 letters or digits, starting with a letter; <c>tables</c> is reserved.</summary>
public static class TableNames
{
    public static bool IsValid(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && char.IsAsciiLetter(name[0])
        && name.All(char.IsAsciiLetterOrDigit)
        && !string.Equals(name, "tables", StringComparison.OrdinalIgnoreCase);

    public static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: >= 1 and <= 40 } && char.IsAsciiLetter(prefix[0]) && prefix.All(char.IsAsciiLetterOrDigit);

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="field"/> when the name is not a valid table name.</summary>
    public static string Require(string? name, string field)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"{field} '{name}' is not a valid table name (3-63 letters or digits, starting with a letter, not 'tables')", field);
        }

        return name!;
    }
}
