using DevOpsFeedback.Infra.Tests.Bicep;

namespace DevOpsFeedback.Infra.Tests.Environments;

public sealed class TargetAppTests
{
    private static BicepDocument TargetApp() =>
        BicepDocument.Load(Path.Combine(RepositoryFiles.InfraDirectory, "modules", "targetApp.bicep"));

    [Fact]
    public void StagingSlot_IsNamedStagingAndHasAHealthCheckPath()
    {
        var slot = Assert.Single(TargetApp().Resources, r => r.Type == "Microsoft.Web/sites/slots");

        Assert.Equal("'staging'", slot.TopLevel["name"]);
        Assert.Contains("healthCheckPath: healthCheckPath", slot.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void StickySettings_AreTheCheckedEnvironmentBoundNamesOnly()
    {
        var document = TargetApp();
        var slotConfigNames = Assert.Single(document.Resources, r => r.TopLevel.GetValueOrDefault("name") == "'slotConfigNames'");

        Assert.Contains("appSettingNames: stickyNames", slotConfigNames.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("releaseSettings", slotConfigNames.Body, StringComparison.Ordinal);
        Assert.Contains("fail(releaseNamesMessage)", document.Stripped, StringComparison.Ordinal);
        Assert.Contains("fail(sharedMessage)", document.Stripped, StringComparison.Ordinal);
    }

    [Fact]
    public void BothSlots_CarryTheVersionAndCommitSettings()
    {
        var configs = TargetApp().Resources.Where(r => r.TopLevel.GetValueOrDefault("name") == "'appsettings'").ToList();

        Assert.Equal(2, configs.Count);
        Assert.All(configs, c => Assert.Contains("union(releaseSettings, ", c.Body, StringComparison.Ordinal));
    }
}
