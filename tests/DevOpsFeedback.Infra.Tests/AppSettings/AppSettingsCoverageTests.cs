using System.Reflection;
using DevOpsFeedback.Infra.Tests.Bicep;

namespace DevOpsFeedback.Infra.Tests.AppSettings;

public sealed class AppSettingsCoverageTests
{
    private static readonly Lazy<SettingsCoverage> Coverage = new(() => SettingsCoverage.From(
        BicepDocument.Load(Path.Combine(RepositoryFiles.InfraDirectory, "main.bicep")),
        RepositoryFiles.Read("infra/README.md")));

    [Fact]
    public void OptionsClasses_EverySetting_IsSetByMainBicepOrDocumentedOptional()
    {
        // Discovers the options classes of the Azure adapters as they land: nothing to maintain here.
        var assembly = Assembly.Load("DevOpsFeedback.Azure");
        var required = OptionsSettings.Discover(OptionsSettings.OptionsTypes(assembly));

        var missing = Coverage.Value.Missing(required);

        Assert.True(missing.Count == 0,
            "Settings the host reads but infra/main.bicep does not set (nor infra/README.md lists under "
            + $"'{SettingsCoverage.OptionalSectionHeading}'): "
            + string.Join(", ", missing.Select(m => $"{m.Key} ({m.Source})")));
    }

    // The settings named for the hosts before their options classes exist; the reflection test takes over as they land.
    [Theory]
    [InlineData("Tables__ServiceUri", false)]
    [InlineData("Tables__ConnectionString", false)]
    [InlineData("AppService__Apps", true)]
    [InlineData("AppService__VersionSettingName", false)]
    [InlineData("AppService__CommitSettingName", false)]
    [InlineData("AppService__StagingSlotName", false)]
    [InlineData("LogAnalytics__WorkspaceId", false)]
    [InlineData("Metrics__Sites", true)]
    [InlineData("GitHub__Repositories", true)]
    [InlineData("GitHub__Token", false)]
    [InlineData("Release__DefaultPolicy", false)]
    [InlineData("Notifications__BaseUrl", false)]
    [InlineData("Notifications__Sinks", true)]
    [InlineData("Notifications__Routes", true)]
    [InlineData("HealthChecks__Schedule", false)]
    public void KnownSetting_IsSetByMainBicepOrDocumentedOptional(string key, bool isMap)
    {
        Assert.True(Coverage.Value.Covers(new RequiredSetting(key, isMap, "known list")), $"{key} is neither set nor documented optional.");
    }

    // The Functions host itself, the Durable task hub (host.json hubName %TaskHubName%) and Azure.Identity need these
    // in Azure; none may be left optional, and storage is reached by identity, never by a connection string.
    [Theory]
    [InlineData("AzureWebJobsStorage__blobServiceUri")]
    [InlineData("AzureWebJobsStorage__queueServiceUri")]
    [InlineData("AzureWebJobsStorage__tableServiceUri")]
    [InlineData("AzureWebJobsStorage__credential")]
    [InlineData("AzureWebJobsStorage__clientId")]
    [InlineData("TaskHubName")]
    [InlineData("AZURE_CLIENT_ID")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")]
    [InlineData("Tables__ServiceUri")]
    public void HostSetting_IsSetExactlyByMainBicep(string key)
    {
        Assert.Contains(key, Coverage.Value.SetExactly);
    }

    [Theory]
    [InlineData("AppService__Apps__")]
    [InlineData("Metrics__Sites__")]
    public void ManagedAppMap_IsSetPerTargetByMainBicep(string prefix)
    {
        Assert.Contains(prefix, Coverage.Value.SetAsPrefix);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("Tables__ConnectionString")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")] // Flex Consumption takes the runtime from functionAppConfig, not a setting
    public void KeyBasedOrLegacySetting_IsNotSetByMainBicep(string key)
    {
        Assert.DoesNotContain(key, Coverage.Value.SetExactly);
    }

    [Fact]
    public void NotificationOptions_EverySetting_IsSetByMainBicepOrDocumentedOptional()
    {
        // NotificationOptions lives in Core, which the reflection test above does not scan.
        var missing = Coverage.Value.Missing(OptionsSettings.Discover([typeof(DevOpsFeedback.Notifications.NotificationOptions)]));

        Assert.True(missing.Count == 0, "Notification settings neither set nor documented optional: " + string.Join(", ", missing.Select(m => m.Key)));
    }

    [Theory]
    [InlineData("Notifications__Sinks__")]
    public void NotificationSinks_AreSetPerSinkByMainBicep(string prefix)
    {
        Assert.Contains(prefix, Coverage.Value.SetAsPrefix);
    }

    [Theory]
    [InlineData("Notifications__WebhookUrl")]
    [InlineData("Notifications__TeamsWebhookUrl")]
    [InlineData("Notifications__SlackWebhookUrl")]
    public void RetiredNotificationSetting_IsNotSetByMainBicep(string key)
    {
        // No options class reads these: a sink is Notifications__Sinks__<name>__Type / __Url.
        Assert.DoesNotContain(key, Coverage.Value.SetExactly);
    }

    [Fact]
    public void Discover_OptionsTypes_YieldsSectionPropertyKeysMapsAndNestedObjects()
    {
        var settings = OptionsSettings.Discover([typeof(SampleOptions)]);

        Assert.Equal(
            [
                new RequiredSetting("Sample__Inner__Endpoint", IsMap: false, "SampleOptions.Inner.Endpoint"),
                new RequiredSetting("Sample__Limit", IsMap: false, "SampleOptions.Limit"),
                new RequiredSetting("Sample__Name", IsMap: false, "SampleOptions.Name"),
                new RequiredSetting("Sample__Routes", IsMap: true, "SampleOptions.Routes"),
            ],
            settings.OrderBy(s => s.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void OptionsTypes_TypesWithoutConstSectionName_AreIgnored()
    {
        var types = OptionsSettings.OptionsTypes(typeof(SampleOptions).Assembly);

        Assert.Contains(typeof(SampleOptions), types);
        Assert.DoesNotContain(typeof(NotOptions), types);
        Assert.DoesNotContain(typeof(SampleOptions.InnerOptions), types);
    }

    [Fact]
    public void Missing_SettingNeitherSetNorOptional_IsReported()
    {
        var main = BicepDocument.Parse("""
            var settings = [
              { name: 'Sample__Name', value: 'x' }
              { name: 'Sample__Routes__${route}', value: 'y' }
              // { name: 'Sample__Limit', value: '3' }  (a comment does not set it)
            ]
            """);
        var readme = "# x\n## Optional settings\n| `Sample__Inner__Endpoint` | local only |\n## Next\n`Sample__Limit`\n";
        var coverage = SettingsCoverage.From(main, readme);

        var missing = coverage.Missing(OptionsSettings.Discover([typeof(SampleOptions)]));

        Assert.Equal(["Sample__Limit"], missing.Select(m => m.Key));
    }

    private sealed class SampleOptions
    {
        public const string SectionName = "Sample";

        public string Name { get; set; } = "";

        public int Limit { get; init; }

        public Dictionary<string, string> Routes { get; set; } = [];

        public InnerOptions Inner { get; set; } = new();

        public string Computed => Name + "!";

        public sealed class InnerOptions
        {
            public Uri? Endpoint { get; set; }
        }
    }

    private sealed class NotOptions
    {
        public static readonly string SectionName = "NotConst";

        public string Value { get; set; } = "";
    }
}
