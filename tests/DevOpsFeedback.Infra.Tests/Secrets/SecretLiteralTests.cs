using System.Text.RegularExpressions;
using DevOpsFeedback.Infra.Tests.Bicep;

namespace DevOpsFeedback.Infra.Tests.Secrets;

public sealed partial class SecretLiteralTests
{
    public static TheoryData<string> DeploymentFiles() => new(RepositoryFiles.DeploymentFiles().Select(RepositoryFiles.Relative));

    public static TheoryData<string> ParameterFiles() => new(RepositoryFiles.ParameterFiles().Select(RepositoryFiles.Relative));

    [Theory]
    [MemberData(nameof(DeploymentFiles))]
    public void DeploymentFile_HasNoSecretLiteral(string relativePath)
    {
        var findings = SecretScanner.Find(RepositoryFiles.Read(relativePath));

        Assert.True(findings.Count == 0, $"{relativePath}: {string.Join("; ", findings)}");
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void ParameterFile_HasNoGuidLiteral(string relativePath)
    {
        var findings = SecretScanner.FindGuids(RepositoryFiles.Read(relativePath));

        Assert.True(findings.Count == 0, $"{relativePath}: {string.Join("; ", findings)}");
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void ParameterFile_SecureParametersComeFromKeyVaultOrEnvironment(string relativePath)
    {
        var main = BicepDocument.Load(Path.Combine(RepositoryFiles.InfraDirectory, "main.bicep"));
        var secureParameters = SecureParameter().Matches(main.Stripped).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(secureParameters);
        var parameters = BicepDocument.Parse(RepositoryFiles.Read(relativePath));

        foreach (var name in secureParameters)
        {
            var assignment = Regex.Match(parameters.Stripped, $@"(?m)^\s*param\s+{name}\s*=\s*(.+)$");
            if (assignment.Success)
            {
                Assert.Matches(@"^(az\.getSecret|getSecret|readEnvironmentVariable)\(", assignment.Groups[1].Value.Trim());
            }
        }
    }

    [Theory]
    [InlineData("value: 'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc123=='")]
    [InlineData("AccountKey=Zm9vYmFy")]
    [InlineData("Endpoint=sb://x/;SharedAccessSignature=SharedAccessSignature sr=x")]
    [InlineData("url: 'https://st.blob.core.windows.net/c?sv=2022-11-02&sig=AbCdEf0123456789%3D'")]
    [InlineData("param adminPassword = 'P@ssw0rd!'")]
    [InlineData("\"password\": \"hunter22\"")]
    [InlineData("clientSecret: 'abc~def'")]
    [InlineData("serviceUri: 'https://dfb-dev-func.azurewebsites.net/api/alerts?code=Qm9ndXNLZXlGb3JUZXN0aW5nMTIz'")]
    [InlineData("--header 'x-functions-key: Qm9ndXNLZXlGb3JUZXN0aW5nMTIz'")]
    [InlineData("InstrumentationKey=12345678-aaaa-bbbb-cccc-1234567890ab;IngestionEndpoint=x")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----")]
    public void Find_SecretLiteral_IsReported(string text)
    {
        Assert.NotEmpty(SecretScanner.Find(text));
    }

    [Theory]
    [InlineData("param alertsFunctionKey = az.getSecret(readEnvironmentVariable('AZURE_SUBSCRIPTION_ID'), 'rg', 'kv', 'key')")]
    [InlineData("serviceUri: '${alertsUrl}?code=${alertsFunctionKey}'")]
    [InlineData("{ name: 'GitHub__Token', value: '@Microsoft.KeyVault(VaultName=kv-dfb-dev;SecretName=github-token)' }")]
    [InlineData("--header \"x-functions-key: $api_key\"")]
    [InlineData("{ name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }")]
    [InlineData("@secure()\nparam adminPassword string")]
    public void Find_ReferenceToSecret_IsNotReported(string text)
    {
        Assert.Empty(SecretScanner.Find(text));
    }

    [Theory]
    [InlineData("param webhookAppObjectId = '0b7d4a43-5a0e-4d5e-8f3a-2f7f7a1e9c55'", 1)]
    [InlineData("param webhookAppObjectId = readEnvironmentVariable('DFB_WEBHOOK_APP_OBJECT_ID')", 0)]
    public void FindGuids_CountsGuidLiterals(string text, int expected)
    {
        Assert.Equal(expected, SecretScanner.FindGuids(text).Count);
    }

    [Fact]
    public void DeploymentFiles_IncludeTheBicepParametersPipelinesAndAzureYaml()
    {
        var files = RepositoryFiles.DeploymentFiles().Select(RepositoryFiles.Relative).ToList();

        Assert.Contains("infra/main.bicep", files);
        Assert.Contains("infra/main.dev.bicepparam", files);
        Assert.Contains("infra/main.prod.bicepparam", files);
        Assert.Contains("samples/pipelines/github-actions-release.yml", files);
        Assert.Contains("samples/pipelines/azure-pipelines-release.yml", files);
        Assert.Contains("azure.yaml", files);
    }

    [GeneratedRegex(@"@secure\(\)\s*param\s+(\w+)")]
    private static partial Regex SecureParameter();
}
