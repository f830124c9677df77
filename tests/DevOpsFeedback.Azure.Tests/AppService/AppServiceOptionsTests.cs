namespace DevOpsFeedback.Azure.AppService;

public sealed class AppServiceOptionsTests
{
    private const string SiteId = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Web/sites/shop-web";

    private static AppServiceOptions Valid() => new() { Apps = new(StringComparer.OrdinalIgnoreCase) { ["shop"] = SiteId } };

    [Fact]
    public void Validate_Defaults_Pass()
    {
        var options = Valid();

        options.Validate();

        Assert.Equal("AppService", AppServiceOptions.SectionName);
        Assert.Equal(("DFB_VERSION", "DFB_COMMIT", "staging"), (options.VersionSettingName, options.CommitSettingName, options.StagingSlotName));
        Assert.Equal(new Uri("https://management.azure.com"), options.ArmEndpoint);
    }

    public static TheoryData<string, Action<AppServiceOptions>> BadOptions => new()
    {
        { "ArmEndpoint", o => o.ArmEndpoint = new Uri("http://management.azure.com") },
        { "ArmEndpoint", o => o.ArmEndpoint = new Uri("https://management.azure.com/x") },
        { "ApiVersion", o => o.ApiVersion = "2025-05-01&x=1" },
        { "Apps", o => o.Apps.Clear() },
        { "AppService:Apps:shop", o => o.Apps["shop"] = "/subscriptions/x" },
        { "VersionSettingName", o => o.VersionSettingName = "DFB VERSION" },
        { "CommitSettingName", o => o.CommitSettingName = "" },
        { "must differ", o => o.CommitSettingName = "dfb_version" },
        { "StagingSlotName", o => o.StagingSlotName = "production" },
        { "StagingSlotName", o => o.StagingSlotName = "a/b" },
        { "SwapTimeout", o => o.SwapTimeout = TimeSpan.Zero },
        { "DefaultPollInterval", o => o.DefaultPollInterval = TimeSpan.FromSeconds(-1) },
        { "MaxRetries", o => o.MaxRetries = 11 },
        { "RetryDelay", o => o.RetryDelay = TimeSpan.FromSeconds(-1) },
        { "TokenScope", o => o.TokenScope = "https://management.azure.com/" },
        { "SmokeTestProbeTimeout", o => o.SmokeTestProbeTimeout = TimeSpan.Zero },
        { "SmokeTestScheme", o => o.SmokeTestScheme = "ftp" },
        { "SmokeTestPort", o => o.SmokeTestPort = 70000 },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadField_ThrowsNamingIt(string field, Action<AppServiceOptions> spoil)
    {
        var options = Valid();
        spoil(options);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveSite_AppInOtherCase_FindsIt()
    {
        Assert.Equal("shop-web", Valid().ResolveSite("SHOP").SiteName);
    }
}
