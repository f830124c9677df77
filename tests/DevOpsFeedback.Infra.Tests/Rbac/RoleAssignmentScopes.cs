using System.Text.RegularExpressions;
using DevOpsFeedback.Infra.Tests.Bicep;

namespace DevOpsFeedback.Infra.Tests.Rbac;

/// <summary>Checks that a role assignment is scoped to a resource declared in the same file, never to a container scope.</summary>
internal static partial class RoleAssignmentScopes
{
    public static IReadOnlyList<string> Problems(BicepDocument document)
    {
        var problems = new List<string>();
        if (document.TargetScope is { } targetScope && targetScope != "resourceGroup")
        {
            problems.Add($"{document.Path}: targetScope '{targetScope}' (role assignments here would default to it)");
        }

        var resourceSymbols = document.Resources
            .Where(r => !r.Type.StartsWith("Microsoft.Resources/", StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Symbol)
            .ToHashSet(StringComparer.Ordinal);

        foreach (var assignment in document.Resources.Where(r => r.IsRoleAssignment))
        {
            if (!assignment.TopLevel.TryGetValue("scope", out var scope) || scope.Length == 0)
            {
                problems.Add($"{document.Path}: role assignment '{assignment.Symbol}' has no scope (it would apply to the whole resource group)");
                continue;
            }

            if (ContainerScope().IsMatch(scope))
            {
                problems.Add($"{document.Path}: role assignment '{assignment.Symbol}' is scoped to {scope}");
            }
            else if (!resourceSymbols.Contains(scope))
            {
                problems.Add($"{document.Path}: role assignment '{assignment.Symbol}' scope '{scope}' is not a resource declared in this file");
            }
        }

        return problems;
    }

    [GeneratedRegex(@"\b(subscription|resourceGroup|tenant|managementGroup)\s*\(")]
    private static partial Regex ContainerScope();
}
