using System.Text.RegularExpressions;
using DevOpsFeedback.Infra.Tests.Bicep;

namespace DevOpsFeedback.Infra.Tests.Rbac;

public sealed partial class ReleaseOperatorRoleTests
{
    // The actions the ARM slot adapter and the metrics adapter need on a target app, as documented for them:
    // read site/slot/config, list settings, write config (routing, sticky names), swap, swap preview and cancel,
    // slot diff, restart, poll the swap operation, and read platform metrics (not in any Web role).
    private static readonly string[] DocumentedActions =
    [
        "Microsoft.Web/sites/Read",
        "Microsoft.Web/sites/slots/Read",
        "Microsoft.Web/sites/config/Read",
        "Microsoft.Web/sites/slots/config/Read",
        "Microsoft.Web/sites/config/list/Action",
        "Microsoft.Web/sites/slots/config/list/Action",
        "Microsoft.Web/sites/config/Write",
        "Microsoft.Web/sites/slots/config/Write",
        "Microsoft.Web/sites/slotsswap/Action",
        "Microsoft.Web/sites/slots/slotsswap/Action",
        "Microsoft.Web/sites/applySlotConfig/Action",
        "Microsoft.Web/sites/slots/applySlotConfig/Action",
        "Microsoft.Web/sites/resetSlotConfig/Action",
        "Microsoft.Web/sites/slots/resetSlotConfig/Action",
        "Microsoft.Web/sites/slotsdiffs/Action",
        "Microsoft.Web/sites/slots/slotsdiffs/Action",
        "Microsoft.Web/sites/restart/Action",
        "Microsoft.Web/sites/slots/restart/Action",
        "Microsoft.Web/sites/operationresults/Read",
        "Microsoft.Web/sites/slots/operationresults/Read",
        "Microsoft.Web/sites/operations/Read",
        "Microsoft.Web/sites/slots/operations/Read",
        "Microsoft.Insights/metrics/Read",
    ];

    private static BicepResource RoleDefinition()
    {
        var document = BicepDocument.Load(Path.Combine(RepositoryFiles.InfraDirectory, "modules", "releaseOperatorRole.bicep"));
        return Assert.Single(document.Resources, r => r.Type.Equals("Microsoft.Authorization/roleDefinitions", StringComparison.OrdinalIgnoreCase));
    }

    private static List<string> ArrayItems(string body, string property)
    {
        var match = Regex.Match(body, $@"\b{property}:\s*\[(.*?)\]", RegexOptions.Singleline);
        Assert.True(match.Success, $"no '{property}' array in the role definition");
        return StringLiteral().Matches(match.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
    }

    [Fact]
    public void Actions_EqualTheDocumentedList()
    {
        var actions = ArrayItems(RoleDefinition().Body, "actions");

        Assert.Equal(actions.Count, actions.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(
            DocumentedActions.Select(a => a.ToUpperInvariant()).Order(StringComparer.Ordinal),
            actions.Select(a => a.ToUpperInvariant()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("notActions")]
    [InlineData("dataActions")]
    [InlineData("notDataActions")]
    public void OtherPermissionLists_AreEmpty(string property)
    {
        Assert.Empty(ArrayItems(RoleDefinition().Body, property));
    }

    [Fact]
    public void Actions_HaveNoWildcardDeleteOrPublish()
    {
        var actions = ArrayItems(RoleDefinition().Body, "actions");

        Assert.DoesNotContain(actions, a => a.Contains('*', StringComparison.Ordinal));
        Assert.DoesNotContain(actions, a => a.EndsWith("/delete", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(actions, a => a.Contains("publishxml", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(actions, a => a.Contains("serverfarms", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void AssignableScopes_AreTheTargetResourceGroupsNotTheSubscription()
    {
        var role = RoleDefinition();
        Assert.Contains("assignableScopes: assignableScopes", role.Body, StringComparison.Ordinal);

        var main = BicepDocument.Load(Path.Combine(RepositoryFiles.InfraDirectory, "main.bicep")).Stripped;
        var passed = Regex.Match(main, @"assignableScopes:\s*(.+)");
        Assert.True(passed.Success, "main.bicep does not pass assignableScopes");
        Assert.Contains("/resourceGroups/", passed.Groups[1].Value, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex StringLiteral();
}
