using DevOpsFeedback.Infra.Tests.Bicep;

namespace DevOpsFeedback.Infra.Tests.Rbac;

public sealed class RoleAssignmentScopeTests
{
    public static TheoryData<string> BicepFiles() => new(RepositoryFiles.BicepFiles().Select(RepositoryFiles.Relative));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void BicepFile_EveryRoleAssignment_IsScopedToAResource(string relativePath)
    {
        var document = BicepDocument.Load(Path.Combine(RepositoryFiles.Root, relativePath));

        Assert.Empty(RoleAssignmentScopes.Problems(document));
    }

    [Fact]
    public void Infra_GrantsRolesAtAll()
    {
        // Guards the test above against passing on files it failed to read.
        var assignments = RepositoryFiles.BicepFiles()
            .SelectMany(f => BicepDocument.Load(f).Resources)
            .Count(r => r.IsRoleAssignment);

        Assert.True(assignments >= 6, $"expected the storage, telemetry, vault and target grants; found {assignments}");
    }

    [Theory]
    [InlineData("resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  name: guid('x')\n  properties: {\n    scope: site\n  }\n}", "has no scope")]
    [InlineData("resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  name: guid('x')\n  scope: resourceGroup()\n}", "is scoped to resourceGroup()")]
    [InlineData("resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  name: guid('x')\n  scope: subscription()\n}", "is scoped to subscription()")]
    [InlineData("resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  name: guid('x')\n  scope: somewhere\n}", "is not a resource declared")]
    [InlineData("targetScope = 'subscription'\nresource site 'Microsoft.Web/sites@2024-04-01' existing = {\n  name: 'a'\n}\nresource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  scope: site\n}", "targetScope 'subscription'")]
    public void Problems_AssignmentNotOnAResource_IsReported(string bicep, string expected)
    {
        var problems = RoleAssignmentScopes.Problems(BicepDocument.Parse(bicep));

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_AssignmentScopedToDeclaredResource_IsClean()
    {
        const string bicep = """
            resource site 'Microsoft.Web/sites@2024-04-01' existing = {
              name: 'contoso-web-dev'
            }

            resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
              for roleId in roles: {
                name: guid(site.id, '${roleId}-{x}')
                scope: site // a comment with scope: resourceGroup()
                properties: {
                  description: 'scope: subscription() in a string is not a scope'
                }
              }
            ]
            """;

        Assert.Empty(RoleAssignmentScopes.Problems(BicepDocument.Parse(bicep)));
    }
}
