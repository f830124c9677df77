using DevOpsFeedback.Azure.Loopback;
namespace DevOpsFeedback.Azure.AppService;

public sealed class AppServiceSlotControllerTests : IAsyncLifetime
{
    private StandInHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await StandInHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ReadSlotsAsync_TwoSlots_ReturnsVersionsSettingsStickyNamesAndHealthPath()
    {
        var controller = _harness.Controller();

        var snapshot = await controller.ReadSlotsAsync(StandInHarness.App, CancellationToken.None);

        Assert.Equal("production", snapshot.Production.Name);
        Assert.Equal("Running", snapshot.Production.State);
        Assert.Equal("shop-web.azurewebsites.net", snapshot.Production.HostName);
        Assert.Equal(("1.4.0", "aaa111"), (snapshot.Production.Version, snapshot.Production.Commit));
        Assert.Equal(("1.5.0", "bbb222"), (snapshot.Staging.Version, snapshot.Staging.Commit));
        Assert.Equal("shop-web-staging-a1b2.azurewebsites.net", snapshot.Staging.HostName);
        Assert.Equal("/healthz", snapshot.Staging.HealthCheckPath);
        Assert.Equal("on", snapshot.Staging.AppSettings["FEATURE_X"]);
        Assert.Equal("Server=staging", snapshot.Staging.ConnectionStrings["Db"]);
        Assert.Equal(["SLOT_NAME"], snapshot.Sticky.AppSettingNames);
        Assert.Equal(["Db"], snapshot.Sticky.ConnectionStringNames);
        Assert.Equal(0, snapshot.CanaryPercent);
        Assert.All(_harness.Credential.Scopes, scope => Assert.Equal("https://management.azure.com/.default", scope));
        Assert.NotEmpty(_harness.Credential.Scopes);
    }

    [Fact]
    public async Task ReadSlotsAsync_ResourceIdInOtherCasing_ReadsTheSite()
    {
        var id = _harness.Site.Id.ToUpperInvariant().Replace("/SUBSCRIPTIONS/", "/subscriptions/", StringComparison.Ordinal);
        var controller = _harness.Controller(_harness.Options(id));

        var snapshot = await controller.ReadSlotsAsync("SHOP", CancellationToken.None);

        Assert.Equal("1.4.0", snapshot.Production.Version);
    }

    [Fact]
    public async Task ReadSlotsDetailedAsync_StickyVersionSetting_Warns()
    {
        _harness.Site.StickyAppSettings.Add("DFB_VERSION");
        var controller = _harness.Controller();

        var slots = await controller.ReadSlotsDetailedAsync(StandInHarness.App, CancellationToken.None);

        var warning = Assert.Single(slots.Warnings);
        Assert.Contains("'DFB_VERSION' is a slot setting (sticky)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSlotsDetailedAsync_NoVersionSetting_WarnsAndVersionIsNull()
    {
        _harness.Site.Slot("staging").AppSettings.Remove("DFB_VERSION");
        var controller = _harness.Controller();

        var slots = await controller.ReadSlotsDetailedAsync(StandInHarness.App, CancellationToken.None);

        Assert.Null(slots.Snapshot.Staging.Version);
        Assert.Contains(slots.Warnings, w => w.Contains("'staging' has no 'DFB_VERSION'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadSlotsAsync_UnknownSite_ThrowsNotFoundWithArmMessage()
    {
        var options = _harness.Options(_harness.Site.Id.Replace("shop-web", "no-such-site", StringComparison.Ordinal));
        var controller = _harness.Controller(options);

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.ReadSlotsAsync(StandInHarness.App, CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ArmErrorCode);
        Assert.Contains("Microsoft.Web/sites/no-such-site", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSlotsAsync_MissingStagingSlot_ThrowsNotFound()
    {
        var options = _harness.Options();
        options.StagingSlotName = "preprod";
        var controller = _harness.Controller(options);

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.ReadSlotsAsync(StandInHarness.App, CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.NotFound, error.Kind);
        Assert.Contains("slots/preprod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSlotsAsync_TokenRefused_ThrowsUnauthenticated()
    {
        var controller = _harness.Controller(credential: new StaticTokenCredential("expired-token"));

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.ReadSlotsAsync(StandInHarness.App, CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.Unauthenticated, error.Kind);
        Assert.Equal("InvalidAuthenticationToken", error.ArmErrorCode);
    }

    [Theory]
    [InlineData(400, "BadRequest", AppServiceErrorKind.BadRequest)]
    [InlineData(403, "AuthorizationFailed", AppServiceErrorKind.Forbidden)]
    [InlineData(404, "ResourceNotFound", AppServiceErrorKind.NotFound)]
    [InlineData(409, "Conflict", AppServiceErrorKind.Conflict)]
    [InlineData(429, "TooManyRequests", AppServiceErrorKind.Throttled)]
    [InlineData(500, "InternalServerError", AppServiceErrorKind.ServiceUnavailable)]
    [InlineData(503, "ServiceUnavailable", AppServiceErrorKind.ServiceUnavailable)]
    public async Task ReadSlotsAsync_ArmError_TranslatesToKindWithArmMessage(int status, string code, AppServiceErrorKind kind)
    {
        _harness.StandIn.Behaviour.Faults.Add(
            new StandInFault("GET", "/config/slotConfigNames", status, $$$"""{"error":{"code":"{{{code}}}","message":"injected {{{status}}}"}}""") { Times = 10 });
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.ReadSlotsAsync(StandInHarness.App, CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.ArmErrorCode);
        Assert.Contains($"injected {status}", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Reading the slots of 'shop'", error.Message, StringComparison.Ordinal);
        var retried = status is 429 or 500 or 503;
        Assert.Equal(retried ? 3 : 1, _harness.StandIn.CountRequests("GET", "/config/slotConfigNames"));
    }

    [Fact]
    public async Task ReadSlotsAsync_ThrottledWithRetryAfter_WaitsAndSucceeds()
    {
        _harness.StandIn.Behaviour.Faults.Add(
            new StandInFault("POST", "/slots/staging/config/appsettings/list", 429, """{"error":{"code":"TooManyRequests","message":"slow down"}}""", RetryAfterSeconds: 1));
        var options = _harness.Options();
        options.RetryDelay = TimeSpan.Zero;
        var controller = _harness.Controller(options);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var snapshot = await controller.ReadSlotsAsync(StandInHarness.App, CancellationToken.None);

        Assert.Equal("1.5.0", snapshot.Staging.Version);
        Assert.Equal(2, _harness.StandIn.CountRequests("POST", "/slots/staging/config/appsettings/list"));
        // Azure.Core's retry policy waits at least the Retry-After the service asked for (RetryDelay is zero here).
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {started.Elapsed}");
    }

    [Theory]
    [InlineData("GET", "/slots/staging", "not json at all", "not JSON")]
    [InlineData("GET", "/slots/staging", """{"id":"x"}""", "'properties' should be an object but is missing")]
    [InlineData("GET", "/slots/staging", """{"properties":{"state":5,"defaultHostName":"a.net"}}""", "'state' should be a string but is Number")]
    [InlineData("GET", "/slots/staging", """{"properties":{"state":"Running","defaultHostName":"bad host/x"}}""", "defaultHostName 'bad host/x' is not a DNS name")]
    [InlineData("GET", "/config/slotConfigNames", """{"properties":{"appSettingNames":"DFB_VERSION"}}""", "'appSettingNames' should be an array but is String")]
    [InlineData("POST", "/config/appsettings/list", """{"properties":{"A":1}}""", "'properties.A' should be a string but is Number")]
    [InlineData("GET", "/config/web", """{"properties":{"experiments":{"rampUpRules":[{"reroutePercentage":"ten"}]}}}""", "'reroutePercentage' should be a number but is String")]
    public async Task ReadSlotsAsync_MalformedBody_ThrowsMalformedResponseNamingTheField(string method, string path, string body, string expected)
    {
        _harness.StandIn.Behaviour.Faults.Add(new StandInFault(method, path, 200, body));
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.ReadSlotsAsync(StandInHarness.App, CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.MalformedResponse, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSlotsAsync_UnconfiguredApp_ThrowsNamingTheApp()
    {
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => controller.ReadSlotsAsync("billing", CancellationToken.None));

        Assert.Equal("app", error.ParamName);
        Assert.Contains("'billing' is not configured", error.Message, StringComparison.Ordinal);
    }
}
