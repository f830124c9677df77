using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.AppService;

/// <summary>
/// <see cref="ISlotController"/> over the ARM REST API of App Service (<c>Microsoft.Web/sites</c> and <c>sites/slots</c>):
/// reads both slots, swaps staging into production as a long-running operation, routes canary traffic, and
/// smoke-tests a slot's health path. Failures surface as <see cref="AppServiceException"/>.
/// </summary>
public sealed partial class AppServiceSlotController : ISlotController
{
    private const string Production = "production";
    private static readonly JsonElement EmptyProperties = JsonDocument.Parse("""{"properties":{}}""").RootElement.Clone();
    private readonly AppServiceOptions _options;
    private readonly ArmConnection _arm;
    private readonly HttpPipeline _probes;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _swapLocks = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="options">Validated here; an invalid option throws naming the field.</param>
    /// <param name="credential">Managed identity in Azure, <c>DefaultAzureCredential</c> locally.</param>
    /// <param name="timeProvider">Clock for poll waits, the swap timeout and smoke-test pacing.</param>
    /// <param name="transport">The HTTP transport; null for Azure.Core's default (tests pass one that trusts the stand-in).</param>
    public AppServiceSlotController(
        AppServiceOptions options,
        TokenCredential credential,
        TimeProvider? timeProvider = null,
        HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _arm = new ArmConnection(options, credential, _time, transport);
        var probeOptions = new ProbeClientOptions { RetryPolicy = new RetryPolicy(0) };
        probeOptions.Retry.NetworkTimeout = options.SmokeTestProbeTimeout;
        if (transport is not null)
        {
            probeOptions.Transport = transport;
        }

        _probes = HttpPipelineBuilder.Build(probeOptions);
    }

    /// <inheritdoc />
    public async Task<SlotsSnapshot> ReadSlotsAsync(string app, CancellationToken cancellationToken) =>
        (await ReadSlotsDetailedAsync(app, cancellationToken)).Snapshot;

    /// <summary>Reads both slots with the warnings, the last swap and any pending swap with preview.</summary>
    public Task<AppServiceSlots> ReadSlotsDetailedAsync(string app, CancellationToken cancellationToken)
    {
        var site = _options.ResolveSite(app);
        return AtEdgeAsync($"Reading the slots of '{app}'", () => ReadSlotsCoreAsync(site, cancellationToken), cancellationToken);
    }

    private async Task<AppServiceSlots> ReadSlotsCoreAsync(SiteResourceId site, CancellationToken cancellationToken)
    {
        var productionTask = ReadSlotAsync(site, null, cancellationToken);
        var stagingTask = ReadSlotAsync(site, _options.StagingSlotName, cancellationToken);
        var stickyTask = ReadStickyNamesAsync(site, cancellationToken);
        await Task.WhenAll(productionTask, stagingTask, stickyTask);
        var (production, staging, sticky) = (await productionTask, await stagingTask, await stickyTask);

        var canary = production.RampUpRules
            .Where(rule => string.Equals(rule.ActionHostName, staging.State.HostName, StringComparison.OrdinalIgnoreCase))
            .Sum(rule => rule.Percent);
        var snapshot = new SlotsSnapshot(production.State, staging.State, sticky, canary);
        return new AppServiceSlots(snapshot, Warnings(snapshot), production.SwapStatus, staging.TargetSwapSlot);
    }

    private List<string> Warnings(SlotsSnapshot snapshot)
    {
        var warnings = new List<string>();
        foreach (var name in new[] { _options.VersionSettingName, _options.CommitSettingName })
        {
            if (snapshot.Sticky.AppSettingNames.Contains(name))
            {
                warnings.Add(
                    $"App setting '{name}' is a slot setting (sticky): it stays with its slot on a swap, so it no longer says what code a slot runs. " +
                    "Remove it from slotConfigNames.");
            }
        }

        foreach (var slot in new[] { snapshot.Production, snapshot.Staging })
        {
            if (slot.Version is null)
            {
                warnings.Add($"Slot '{slot.Name}' has no '{_options.VersionSettingName}' app setting: its version is unknown.");
            }
        }

        return warnings;
    }

    private sealed record SlotRead(SlotState State, SlotSwapStatus? SwapStatus, string? TargetSwapSlot, IReadOnlyList<RampUpRule> RampUpRules);

    private sealed record RampUpRule(string? Name, string? ActionHostName, double Percent, JsonElement Raw);

    private static string SlotPath(SiteResourceId site, string? slot) => slot is null ? site.Path : $"{site.Path}/slots/{slot}";

    /// <param name="withSettings">
    /// False skips the app settings and connection strings (their list action needs the secrets permission), leaving
    /// them empty and the version unknown: enough for routing and smoke tests.
    /// </param>
    private async Task<SlotRead> ReadSlotAsync(SiteResourceId site, string? slot, CancellationToken cancellationToken, bool withSettings = true)
    {
        var path = SlotPath(site, slot);
        var siteTask = _arm.GetJsonAsync(path, cancellationToken);
        var configTask = _arm.GetJsonAsync(path + "/config/web", cancellationToken);
        var settingsTask = withSettings ? _arm.PostJsonAsync(path + "/config/appsettings/list", null, cancellationToken) : Task.FromResult(EmptyProperties);
        var connectionsTask = withSettings ? _arm.PostJsonAsync(path + "/config/connectionstrings/list", null, cancellationToken) : Task.FromResult(EmptyProperties);
        await Task.WhenAll(siteTask, configTask, settingsTask, connectionsTask);

        var name = slot ?? Production;
        var siteProperties = ArmJson.RequiredObject(await siteTask, "properties", $"{name} slot");
        var state = ArmJson.RequiredString(siteProperties, "state", $"{name} slot properties");
        var hostName = ArmJson.RequiredString(siteProperties, "defaultHostName", $"{name} slot properties");
        if (Uri.CheckHostName(hostName) != UriHostNameType.Dns)
        {
            throw new AppServiceException(AppServiceErrorKind.MalformedResponse, $"{name} slot: defaultHostName '{hostName}' is not a DNS name.");
        }

        var configProperties = ArmJson.RequiredObject(await configTask, "properties", $"{name} config/web");
        var healthCheckPath = ArmJson.OptionalString(configProperties, "healthCheckPath", $"{name} config/web properties");
        var rules = ReadRampUpRules(configProperties, $"{name} config/web properties");

        var settings = ArmJson.StringMap(ArmJson.RequiredObject(await settingsTask, "properties", $"{name} appsettings"), $"{name} appsettings");
        var connections = ReadConnectionStrings(await connectionsTask, $"{name} connectionstrings");

        var swapStatus = ReadSwapStatus(siteProperties, $"{name} slot properties");
        var targetSwapSlot = ArmJson.OptionalString(siteProperties, "targetSwapSlot", $"{name} slot properties");
        settings.TryGetValue(_options.VersionSettingName, out var version);
        settings.TryGetValue(_options.CommitSettingName, out var commit);
        var slotState = new SlotState(
            name, state, hostName, NullIfEmpty(version), NullIfEmpty(commit), settings, connections, NullIfEmpty(healthCheckPath));
        return new SlotRead(slotState, swapStatus, NullIfEmpty(targetSwapSlot), rules);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static List<RampUpRule> ReadRampUpRules(JsonElement configProperties, string context)
    {
        var experiments = ArmJson.OptionalObject(configProperties, "experiments", context);
        if (experiments is null)
        {
            return [];
        }

        return ArmJson.OptionalArray(experiments.Value, "rampUpRules", context + ".experiments")
            .Select((rule, index) =>
            {
                var ruleContext = $"{context}.experiments.rampUpRules[{index}]";
                return new RampUpRule(
                    ArmJson.OptionalString(rule, "name", ruleContext),
                    ArmJson.OptionalString(rule, "actionHostName", ruleContext),
                    ArmJson.OptionalDouble(rule, "reroutePercentage", ruleContext) ?? 0,
                    rule.Clone());
            })
            .ToList();
    }

    private static ImmutableSortedDictionary<string, string> ReadConnectionStrings(JsonElement body, string context)
    {
        var properties = ArmJson.RequiredObject(body, "properties", context);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var entry in properties.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw new AppServiceException(
                    AppServiceErrorKind.MalformedResponse,
                    $"{context}: ARM sent a malformed body: 'properties.{entry.Name}' should be an object with 'value' and 'type'.");
            }

            builder[entry.Name] = ArmJson.OptionalString(entry.Value, "value", $"{context} properties.{entry.Name}") ?? "";
        }

        return builder.ToImmutable();
    }

    private static SlotSwapStatus? ReadSwapStatus(JsonElement siteProperties, string context)
    {
        var status = ArmJson.OptionalObject(siteProperties, "slotSwapStatus", context);
        if (status is null)
        {
            return null;
        }

        var statusContext = context + ".slotSwapStatus";
        var timestamp = ArmJson.RequiredString(status.Value, "timestampUtc", statusContext);
        if (!DateTimeOffset.TryParse(timestamp, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
        {
            throw new AppServiceException(AppServiceErrorKind.MalformedResponse, $"{statusContext}: timestampUtc '{timestamp}' is not a date.");
        }

        return new SlotSwapStatus(
            at,
            ArmJson.RequiredString(status.Value, "sourceSlotName", statusContext),
            ArmJson.RequiredString(status.Value, "destinationSlotName", statusContext));
    }

    private async Task<StickyNames> ReadStickyNamesAsync(SiteResourceId site, CancellationToken cancellationToken)
    {
        var body = await _arm.GetJsonAsync(site.Path + "/config/slotConfigNames", cancellationToken);
        var properties = ArmJson.RequiredObject(body, "properties", "slotConfigNames");
        return new StickyNames(
            ArmJson.StringSet(properties, "appSettingNames", "slotConfigNames properties"),
            ArmJson.StringSet(properties, "connectionStringNames", "slotConfigNames properties"));
    }

    /// <summary>Runs <paramref name="call"/> and translates Azure.Core failures into <see cref="AppServiceException"/>.</summary>
    private static async Task<T> AtEdgeAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException exception)
        {
            throw ArmConnection.Translate(exception, operation);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AppServiceException(AppServiceErrorKind.Timeout, $"{operation}: ARM did not answer in time: {exception.Message}", innerException: exception);
        }
        catch (AppServiceException exception) when (!exception.Message.StartsWith(operation, StringComparison.Ordinal))
        {
            throw new AppServiceException(exception.Kind, $"{operation}: {exception.Message}", exception.Status, exception.ArmErrorCode, exception);
        }
    }

    private sealed class ProbeClientOptions : ClientOptions
    {
    }
}
