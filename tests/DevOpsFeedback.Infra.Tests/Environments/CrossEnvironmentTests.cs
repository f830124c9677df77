using System.Text.RegularExpressions;
using DevOpsFeedback.Infra.Tests.Bicep;

namespace DevOpsFeedback.Infra.Tests.Environments;

public sealed partial class CrossEnvironmentTests
{
    private static readonly string[] Environments = ["dev", "test", "prod"];

    public static TheoryData<string> BicepFiles() => new(RepositoryFiles.BicepFiles().Select(RepositoryFiles.Relative));

    public static TheoryData<string> ParameterFiles() => new(RepositoryFiles.ParameterFiles().Select(RepositoryFiles.Relative));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void CreatedTopLevelResource_NameContainsTheEnvironment(string relativePath)
    {
        var document = BicepDocument.Load(Path.Combine(RepositoryFiles.Root, relativePath));
        var created = document.Resources.Where(r =>
            !r.IsExisting
            && !r.TopLevel.ContainsKey("parent")
            && !r.Type.StartsWith("Microsoft.Authorization/", StringComparison.OrdinalIgnoreCase)); // named by guid()

        foreach (var resource in created)
        {
            Assert.True(resource.TopLevel.TryGetValue("name", out var name), $"{relativePath}: {resource.Symbol} has no name");
            Assert.Contains("${environmentName}", name, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void ParameterFile_EnvironmentMatchesFileNameAndEveryReferenceBelongsToIt(string relativePath)
    {
        var expected = Regex.Match(Path.GetFileName(relativePath), @"^main\.(\w+)\.bicepparam$").Groups[1].Value;
        var text = BicepDocument.Parse(RepositoryFiles.Read(relativePath)).Stripped;

        Assert.Equal(expected, Regex.Match(text, @"(?m)^param environmentName = '(\w+)'").Groups[1].Value);

        var references = ReferenceValue().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.True(
                BelongsTo(reference, expected),
                $"{relativePath}: '{reference}' does not carry the '{expected}' token (or carries another environment's)");
        }
    }

    [Theory]
    [InlineData("contoso-web-dev", "dev", true)]
    [InlineData("rg-contoso-web-prod", "prod", true)]
    [InlineData("contoso-web-prod", "dev", false)]
    [InlineData("contoso-devops-web-dev", "dev", true)] // 'devops' is not the token 'dev'
    [InlineData("contoso-web-dev-prod", "dev", false)]
    [InlineData("contosowebdev", "dev", false)]
    public void BelongsTo_UsesWholeDashSeparatedTokens(string name, string environment, bool expected)
    {
        Assert.Equal(expected, BelongsTo(name, environment));
    }

    [Fact]
    public void MainBicep_FailsOnTargetsWorkspaceAndVaultOfAnotherEnvironment()
    {
        var main = BicepDocument.Load(Path.Combine(RepositoryFiles.InfraDirectory, "main.bicep")).Stripped;

        Assert.Equal(3, Regex.Count(main, @"fail\('Cross-environment guard: "));
        Assert.Contains("existingWorkspaceId: checkedWorkspaceId", main, StringComparison.Ordinal);
        Assert.Contains("keyVaultName: checkedKeyVaultName", main, StringComparison.Ordinal);
        Assert.Matches(@"for t in managedTargets:", main);
    }

    private static bool BelongsTo(string name, string environment)
    {
        var tokens = name.ToLowerInvariant().Split('-');
        return tokens.Contains(environment) && !Environments.Where(e => e != environment).Any(tokens.Contains);
    }

    // Names of things another environment could own: targets, their resource groups, the vault and its group.
    [GeneratedRegex(@"(?m)(?:^\s*name:|^param keyVaultName =|^param keyVaultResourceGroup =|^\s*resourceGroup:)\s*'([^']+)'")]
    private static partial Regex ReferenceValue();
}
