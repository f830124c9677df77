namespace DevOpsFeedback.Azure.AppService;

public sealed class AppServiceSlotControllerSwapTests : IAsyncLifetime
{
    private StandInHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await StandInHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SwapAsync_StagingRunsWanted_SwapsPollsLocationAndVerifies()
    {
        _harness.StandIn.Behaviour.PollsBeforeDone = 3;
        _harness.StandIn.Behaviour.RetryAfterSeconds = 7;
        var controller = _harness.Controller();

        var result = await controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None);

        Assert.True(result.Swapped);
        Assert.Contains("production now runs 1.5.0", result.Message, StringComparison.Ordinal);
        Assert.Equal(("1.5.0", "bbb222"), (result.After.Production.Version, result.After.Production.Commit));
        Assert.Equal("1.4.0", result.After.Staging.Version);
        // Non-sticky settings travel with the code; sticky ones stay with the slot.
        Assert.Equal("on", result.After.Production.AppSettings["FEATURE_X"]);
        Assert.Equal("production", result.After.Production.AppSettings["SLOT_NAME"]);
        Assert.Equal("Server=prod", result.After.Production.ConnectionStrings["Db"]);
        Assert.Equal(4, _harness.StandIn.CountRequests("GET", "/operationresults/" + _harness.Site.Pending!.Id));
        Assert.Equal([.. Enumerable.Repeat(TimeSpan.FromSeconds(7), 4)], _harness.Time.Waits);
        var slots = await controller.ReadSlotsDetailedAsync(StandInHarness.App, CancellationToken.None);
        Assert.Equal(("staging", "production"), (slots.LastSwap!.SourceSlotName, slots.LastSwap.DestinationSlotName));
    }

    [Fact]
    public async Task SwapAsync_CanaryActive_RemovesTheRuleBeforeSwapping()
    {
        var controller = _harness.Controller();
        await controller.SetCanaryAsync(StandInHarness.App, 20, CancellationToken.None);

        var result = await controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None);

        Assert.Equal(0, result.After.CanaryPercent);
        Assert.Contains("the 20% canary rule was removed first", result.Message, StringComparison.Ordinal);
        Assert.Equal("[]", _harness.Site.Production.RampUpRulesJson);
    }

    [Fact]
    public async Task SwapAsync_NoRetryAfter_PollsAtTheDefaultInterval()
    {
        var controller = _harness.Controller();

        await controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None);

        Assert.Equal([.. Enumerable.Repeat(TimeSpan.FromSeconds(10), 3)], _harness.Time.Waits);
    }

    [Fact]
    public async Task SwapAsync_AzureAsyncOperationHeader_PollsItInsteadOfLocation()
    {
        _harness.StandIn.Behaviour.SendAzureAsyncOperation = true;
        var controller = _harness.Controller();

        var result = await controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None);

        Assert.True(result.Swapped);
        Assert.Equal(3, _harness.StandIn.CountRequests("GET", "/operationstatuses/" + _harness.Site.Pending!.Id));
        Assert.Equal(0, _harness.StandIn.CountRequests("GET", "/operationresults/" + _harness.Site.Pending.Id));
    }

    [Fact]
    public async Task SwapAsync_ProductionAlreadyRunsWanted_SwapsNothingAndSaysSo()
    {
        var controller = _harness.Controller();

        var result = await controller.SwapAsync(StandInHarness.App, "1.4.0", CancellationToken.None);

        Assert.False(result.Swapped);
        Assert.Contains("already runs 1.4.0", result.Message, StringComparison.Ordinal);
        Assert.Equal("1.4.0", result.After.Production.Version);
        Assert.Equal(0, _harness.StandIn.CountRequests("POST", "/slotsswap"));
    }

    [Fact]
    public async Task SwapAsync_CalledTwice_SecondCallSwapsNothing()
    {
        var controller = _harness.Controller();

        await controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None);
        var second = await controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None);

        Assert.False(second.Swapped);
        Assert.Equal(1, _harness.StandIn.CountRequests("POST", "/slotsswap"));
    }

    [Fact]
    public async Task SwapAsync_SwapBackToPreviousVersion_RestoresProduction()
    {
        var controller = _harness.Controller();
        await controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None);

        var back = await controller.SwapAsync(StandInHarness.App, "1.4.0", CancellationToken.None);

        Assert.True(back.Swapped);
        Assert.Equal(("1.4.0", "1.5.0"), (back.After.Production.Version, back.After.Staging.Version));
        Assert.Equal("off", back.After.Production.AppSettings["FEATURE_X"]);
    }

    [Fact]
    public async Task SwapAsync_StagingRunsAnotherVersion_ThrowsInvalidStateWithoutSwapping()
    {
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.SwapAsync(StandInHarness.App, "2.0.0", CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.InvalidState, error.Kind);
        Assert.Contains("staging runs 1.5.0, not 2.0.0", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.StandIn.CountRequests("POST", "/slotsswap"));
    }

    [Theory]
    [InlineData("DFB_VERSION")]
    [InlineData("DFB_COMMIT")]
    public async Task SwapAsync_VersionSettingIsSticky_ThrowsMisconfiguredWithoutSwapping(string sticky)
    {
        _harness.Site.StickyAppSettings.Add(sticky);
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.Misconfigured, error.Kind);
        Assert.Contains($"'{sticky}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.StandIn.CountRequests("POST", "/slotsswap"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SwapAsync_OperationFails_ThrowsOperationFailedWithArmMessage(bool asyncOperationHeader)
    {
        _harness.StandIn.Behaviour.SendAzureAsyncOperation = asyncOperationHeader;
        _harness.StandIn.Behaviour.FailWith = ("SwapWarmupFailed", "Failed to warm up instances of slot staging: /healthz answered 503.");
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.OperationFailed, error.Kind);
        Assert.Equal("SwapWarmupFailed", error.ArmErrorCode);
        Assert.Contains("Failed to warm up instances of slot staging", error.Message, StringComparison.Ordinal);
        var after = await controller.ReadSlotsAsync(StandInHarness.App, CancellationToken.None);
        Assert.Equal("1.4.0", after.Production.Version);
    }

    [Fact]
    public async Task SwapAsync_NeverCompletes_ThrowsTimeoutAtTheSwapTimeout()
    {
        _harness.StandIn.Behaviour.NeverComplete = true;
        var options = _harness.Options();
        options.SwapTimeout = TimeSpan.FromMinutes(2);
        options.DefaultPollInterval = TimeSpan.FromSeconds(15);
        var controller = _harness.Controller(options);

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.Timeout, error.Kind);
        Assert.Contains("did not finish within 00:02:00", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(2), _harness.Elapsed);
        Assert.Equal(8, _harness.StandIn.CountRequests("GET", "/operationresults/" + _harness.Site.Pending!.Id));
    }

    [Fact]
    public async Task SwapAsync_CancelledWhilePolling_ThrowsCancellationNotTimeout()
    {
        using var cancellation = new CancellationTokenSource();
        _harness.StandIn.Behaviour.OnPoll = cancellation.Cancel;
        var controller = _harness.Controller();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => controller.SwapAsync(StandInHarness.App, "1.5.0", cancellation.Token));

        Assert.Equal(1, _harness.StandIn.CountRequests("GET", "/operationresults/" + _harness.Site.Pending!.Id));
    }

    [Fact]
    public async Task SwapAsync_AnotherSwapInProgress_ThrowsConflict()
    {
        _harness.Site.Pending = new StandInOperation("other-operation", "staging", "production");
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.Conflict, error.Kind);
        Assert.Equal(409, error.Status);
        Assert.Contains("another operation is in progress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwapAsync_TwoCallsAtOnce_AreSerialisedAndOnlyOneSwaps()
    {
        var controller = _harness.Controller();

        var results = await Task.WhenAll(
            controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None),
            controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None));

        Assert.Equal(1, results.Count(r => r.Swapped));
        Assert.Equal(1, _harness.StandIn.CountRequests("POST", "/slotsswap"));
    }

    [Fact]
    public async Task SwapAsync_ThrottledStartWithRetryAfter_RetriesAndSwaps()
    {
        _harness.StandIn.Behaviour.Faults.Add(
            new StandInFault("POST", "/slots/staging/slotsswap", 429, """{"error":{"code":"TooManyRequests","message":"retry later"}}""", RetryAfterSeconds: 1));
        var controller = _harness.Controller();

        var result = await controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None);

        Assert.True(result.Swapped);
        Assert.Equal(2, _harness.StandIn.CountRequests("POST", "/slots/staging/slotsswap"));
    }

    [Fact]
    public async Task SwapAsync_AcceptedWithoutPollHeader_ThrowsMalformedResponse()
    {
        _harness.StandIn.Behaviour.OmitPollHeaders = true;
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("without a Location or Azure-AsyncOperation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwapAsync_PollUrlOnAnotherHost_RefusesToSendTheToken()
    {
        _harness.StandIn.Behaviour.PollOnForeignHost = true;
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("evil.example.net", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.StandIn.CountRequests("GET", "/operationresults/" + _harness.Site.Pending!.Id));
    }

    [Fact]
    public async Task SwapAsync_MalformedOperationStatus_ThrowsMalformedResponse()
    {
        _harness.StandIn.Behaviour.SendAzureAsyncOperation = true;
        _harness.StandIn.Behaviour.Faults.Add(new StandInFault("GET", "/operationstatuses/", 200, """{"id":"x"}""") { AnywhereInPath = true });
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("'status' should be a string but is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartSwapPreviewAsync_ThenReset_AppliesAndRestoresStickySettings()
    {
        var controller = _harness.Controller();

        var preview = await controller.StartSwapPreviewAsync(StandInHarness.App, CancellationToken.None);
        var reset = await controller.ResetSwapPreviewAsync(StandInHarness.App, CancellationToken.None);

        Assert.Equal("production", preview.Snapshot.Staging.AppSettings["SLOT_NAME"]);
        Assert.Equal("production", preview.PendingSwapTarget);
        Assert.Equal("staging", reset.Snapshot.Staging.AppSettings["SLOT_NAME"]);
        Assert.Null(reset.PendingSwapTarget);
        Assert.Equal("1.4.0", reset.Snapshot.Production.Version);
    }

    [Fact]
    public async Task StartSwapPreviewAsync_ThenSwap_CompletesWithStickySettingsInPlace()
    {
        var controller = _harness.Controller();
        await controller.StartSwapPreviewAsync(StandInHarness.App, CancellationToken.None);

        var result = await controller.SwapAsync(StandInHarness.App, "1.5.0", CancellationToken.None);

        Assert.True(result.Swapped);
        Assert.Equal("production", result.After.Production.AppSettings["SLOT_NAME"]);
        Assert.Equal("staging", result.After.Staging.AppSettings["SLOT_NAME"]);
        Assert.Equal("1.5.0", result.After.Production.Version);
    }

    [Fact]
    public async Task ListSlotDifferencesAsync_SeveralPages_ReturnsEveryDifference()
    {
        _harness.Site.Slot("staging").AppSettings["NEW_SETTING"] = "1";
        var controller = _harness.Controller();

        var differences = await controller.ListSlotDifferencesAsync(StandInHarness.App, CancellationToken.None);

        Assert.Equal(["DFB_COMMIT", "DFB_VERSION", "FEATURE_X", "NEW_SETTING", "SLOT_NAME"], differences.Select(d => d.SettingName));
        var feature = differences.Single(d => d.SettingName == "FEATURE_X");
        Assert.Equal(("on", "off", "SettingsWillBeSwapped"), (feature.ValueInCurrentSlot, feature.ValueInTargetSlot, feature.DiffRule));
        Assert.Equal("SettingsWillNotBeSwapped", differences.Single(d => d.SettingName == "SLOT_NAME").DiffRule);
        Assert.Equal(2, _harness.StandIn.CountRequests("GET", "/slotsdiffs"));
    }
}
