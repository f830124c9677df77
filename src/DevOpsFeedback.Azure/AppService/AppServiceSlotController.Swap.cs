using System.Text.Json.Nodes;
using Azure.Core;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.AppService;

public sealed partial class AppServiceSlotController
{
    /// <inheritdoc />
    /// <exception cref="AppServiceException">
    /// <see cref="AppServiceErrorKind.Misconfigured"/> when the version or commit setting is sticky,
    /// <see cref="AppServiceErrorKind.InvalidState"/> when staging does not run the wanted version, or the ARM failure.
    /// </exception>
    public Task<SwapResult> SwapAsync(string app, string wantedProductionVersion, CancellationToken cancellationToken)
    {
        var site = _options.ResolveSite(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(wantedProductionVersion);
        return AtEdgeAsync(
            $"Swapping '{app}' {_options.StagingSlotName} into production",
            () => SerialisedAsync(app, () => SwapCoreAsync(site, wantedProductionVersion, cancellationToken), cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Swap with preview, phase 1: applies production's slot settings to staging and restarts it, so staging can be
    /// validated as it will run in production. Finish with <see cref="SwapAsync"/> or cancel with <see cref="ResetSwapPreviewAsync"/>.
    /// </summary>
    public Task<AppServiceSlots> StartSwapPreviewAsync(string app, CancellationToken cancellationToken)
    {
        var site = _options.ResolveSite(app);
        return AtEdgeAsync(
            $"Starting a swap with preview of '{app}'",
            () => SerialisedAsync(app, async () =>
            {
                var before = await ReadSlotsCoreAsync(site, cancellationToken);
                EnsureVersionSettingsTravel(before.Snapshot);
                using var response = await _arm.SendAsync(
                    RequestMethod.Post, site.Path + "/applySlotConfig", SlotEntity(_options.StagingSlotName), [200], cancellationToken);
                return await ReadSlotsCoreAsync(site, cancellationToken);
            }, cancellationToken),
            cancellationToken);
    }

    /// <summary>Swap with preview, cancel: restores the slot settings of staging and production.</summary>
    public Task<AppServiceSlots> ResetSwapPreviewAsync(string app, CancellationToken cancellationToken)
    {
        var site = _options.ResolveSite(app);
        return AtEdgeAsync(
            $"Cancelling the swap with preview of '{app}'",
            () => SerialisedAsync(app, async () =>
            {
                using (await _arm.SendAsync(RequestMethod.Post, SlotPath(site, _options.StagingSlotName) + "/resetSlotConfig", null, [200], cancellationToken))
                using (await _arm.SendAsync(RequestMethod.Post, site.Path + "/resetSlotConfig", null, [200], cancellationToken))
                {
                    return await ReadSlotsCoreAsync(site, cancellationToken);
                }
            }, cancellationToken),
            cancellationToken);
    }

    /// <summary>What a swap of staging into production would change (<c>slotsdiffs</c>, all pages), for the data-safety check.</summary>
    public Task<IReadOnlyList<SlotDifference>> ListSlotDifferencesAsync(string app, CancellationToken cancellationToken)
    {
        var site = _options.ResolveSite(app);
        return AtEdgeAsync<IReadOnlyList<SlotDifference>>(
            $"Listing the slot differences of '{app}'",
            async () =>
            {
                const int maxPages = 100;
                var differences = new List<SlotDifference>();
                var page = await _arm.PostJsonAsync(
                    SlotPath(site, _options.StagingSlotName) + "/slotsdiffs", SlotEntity(Production), cancellationToken);
                for (var pages = 1; ; pages++)
                {
                    differences.AddRange(ReadDifferences(page, differences.Count));
                    var next = ArmJson.OptionalString(page, "nextLink", "slotsdiffs page");
                    if (string.IsNullOrEmpty(next))
                    {
                        return differences;
                    }

                    if (pages == maxPages)
                    {
                        throw new AppServiceException(AppServiceErrorKind.MalformedResponse, $"slotsdiffs: more than {maxPages} pages; the nextLink chain does not end.");
                    }

                    using var response = await _arm.SendAsync(RequestMethod.Get, _arm.CheckServiceUri(next, "nextLink"), null, [200], cancellationToken);
                    page = ArmJson.Parse(response, "slotsdiffs page");
                }
            },
            cancellationToken);
    }

    private static List<SlotDifference> ReadDifferences(System.Text.Json.JsonElement page, int offset) =>
        ArmJson.OptionalArray(page, "value", "slotsdiffs page")
            .Select((item, index) =>
            {
                var context = $"slotsdiffs value[{offset + index}]";
                var properties = ArmJson.RequiredObject(item, "properties", context);
                context += ".properties";
                return new SlotDifference(
                    ArmJson.RequiredString(properties, "level", context),
                    ArmJson.RequiredString(properties, "settingType", context),
                    ArmJson.OptionalString(properties, "diffRule", context),
                    ArmJson.RequiredString(properties, "settingName", context),
                    ArmJson.OptionalString(properties, "valueInCurrentSlot", context),
                    ArmJson.OptionalString(properties, "valueInTargetSlot", context),
                    ArmJson.OptionalString(properties, "description", context));
            })
            .ToList();

    private async Task<SwapResult> SwapCoreAsync(SiteResourceId site, string wanted, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.SwapTimeout;
        var before = await ReadSlotsCoreAsync(site, cancellationToken);
        var snapshot = before.Snapshot;
        EnsureVersionSettingsTravel(snapshot);
        if (snapshot.Production.Version == wanted)
        {
            return new SwapResult(
                false,
                $"Production already runs {wanted} (commit {snapshot.Production.Commit ?? "unknown"}); nothing swapped.",
                snapshot);
        }

        if (snapshot.Staging.Version != wanted)
        {
            throw new AppServiceException(
                AppServiceErrorKind.InvalidState,
                $"staging runs {snapshot.Staging.Version ?? "an unknown version"}, not {wanted}, and production runs " +
                $"{snapshot.Production.Version ?? "an unknown version"}: a swap would not put {wanted} in production.");
        }

        // Routing rules stay on production through a swap: left in place, they would send the canary share to the old
        // version now in staging. Clear them first.
        var canaryCleared = snapshot.CanaryPercent > 0;
        if (canaryCleared)
        {
            await SetCanaryCoreAsync(site, 0, cancellationToken);
        }

        // The CLI form: staging is the source (it is warmed up), production the target.
        using (var accepted = await _arm.SendAsync(
            RequestMethod.Post,
            SlotPath(site, _options.StagingSlotName) + "/slotsswap",
            SlotEntity(Production),
            [200, 201, 202],
            cancellationToken))
        {
            await _arm.WaitForCompletionAsync(accepted, "the swap", deadline, cancellationToken);
        }

        var after = (await ReadSlotsCoreAsync(site, cancellationToken)).Snapshot;
        if (after.Production.Version != wanted)
        {
            throw new AppServiceException(
                AppServiceErrorKind.OperationFailed,
                $"ARM reported the swap done, but production now runs {after.Production.Version ?? "an unknown version"}, not {wanted}.");
        }

        return new SwapResult(
            true,
            $"Swapped {_options.StagingSlotName} into production: production now runs {wanted} (commit {after.Production.Commit ?? "unknown"}), " +
            $"{_options.StagingSlotName} keeps {after.Staging.Version ?? "an unknown version"} for a swap back" +
            (canaryCleared ? $"; the {snapshot.CanaryPercent}% canary rule was removed first." : "."),
            after);
    }

    private void EnsureVersionSettingsTravel(SlotsSnapshot snapshot)
    {
        var sticky = new[] { _options.VersionSettingName, _options.CommitSettingName }
            .Where(snapshot.Sticky.AppSettingNames.Contains)
            .ToList();
        if (sticky.Count > 0)
        {
            throw new AppServiceException(
                AppServiceErrorKind.Misconfigured,
                $"app setting(s) {string.Join(", ", sticky.Select(name => $"'{name}'"))} are slot settings (sticky): they would stay with " +
                "their slot on a swap, so the adapter could not tell which version production runs. Remove them from slotConfigNames.");
        }
    }

    private static JsonObject SlotEntity(string targetSlot) => new() { ["targetSlot"] = targetSlot, ["preserveVnet"] = true };

    private async Task<T> SerialisedAsync<T>(string app, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var gate = _swapLocks.GetOrAdd(app, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await call();
        }
        finally
        {
            gate.Release();
        }
    }
}
