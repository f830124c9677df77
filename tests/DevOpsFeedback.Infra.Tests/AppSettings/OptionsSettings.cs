using System.Collections;
using System.Reflection;

namespace DevOpsFeedback.Infra.Tests.AppSettings;

/// <summary>
/// Discovers the settings the host binds: every type with a <c>public const string SectionName</c> contributes
/// <c>Section__Property</c> for each public settable property; nested option objects recurse, maps and lists are
/// keys whose entries come under <c>Key__</c>.
/// </summary>
internal static class OptionsSettings
{
    private const int MaxDepth = 4;

    public static IReadOnlyList<Type> OptionsTypes(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => SectionName(t) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    public static string? SectionName(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
            && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    public static IReadOnlyList<RequiredSetting> Discover(IEnumerable<Type> optionsTypes)
    {
        var settings = new List<RequiredSetting>();
        foreach (var type in optionsTypes)
        {
            var section = SectionName(type)
                ?? throw new ArgumentException($"{type.FullName} has no public const string SectionName.", nameof(optionsTypes));
            Collect(type, section.Replace(":", "__", StringComparison.Ordinal), type.Name, settings, depth: 0);
        }

        return settings;
    }

    private static void Collect(Type type, string prefix, string source, List<RequiredSetting> settings, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = $"{prefix}__{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(propertyType))
            {
                settings.Add(new RequiredSetting(key, IsMap: false, $"{source}.{property.Name}"));
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                settings.Add(new RequiredSetting(key, IsMap: true, $"{source}.{property.Name}"));
            }
            else if (depth < MaxDepth)
            {
                Collect(propertyType, key, $"{source}.{property.Name}", settings, depth + 1);
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Uri)
        || type == typeof(TimeSpan) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid)
        || type == typeof(DateOnly) || type == typeof(TimeOnly);
}
