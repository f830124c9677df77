using System.Collections.Immutable;

namespace DevOpsFeedback.Ports;

/// <summary>One App Service slot as the release loop sees it.</summary>
/// <param name="Name">"production" or the slot name (e.g. "staging").</param>
/// <param name="State">"Running", "Stopped", ...</param>
/// <param name="HostName">The slot's default host name.</param>
/// <param name="Version">Version the slot runs (from a non-sticky app setting, so it travels with the code).</param>
/// <param name="Commit">Commit the slot runs (same rule).</param>
/// <param name="AppSettings">App settings by name.</param>
/// <param name="ConnectionStrings">Connection strings by name.</param>
/// <param name="HealthCheckPath">The slot's health-check path, when configured.</param>
public sealed record SlotState(
    string Name,
    string State,
    string HostName,
    string? Version,
    string? Commit,
    ImmutableSortedDictionary<string, string> AppSettings,
    ImmutableSortedDictionary<string, string> ConnectionStrings,
    string? HealthCheckPath)
{
    public bool Equals(SlotState? other) =>
        other is not null && Name == other.Name && State == other.State && HostName == other.HostName &&
        Version == other.Version && Commit == other.Commit && HealthCheckPath == other.HealthCheckPath &&
        AppSettings.SequenceEqual(other.AppSettings) && ConnectionStrings.SequenceEqual(other.ConnectionStrings);

    public override int GetHashCode() => HashCode.Combine(Name, Version, Commit);
}

/// <summary>Settings names that stay with their slot on a swap (App Service <c>slotConfigNames</c>).</summary>
public sealed record StickyNames(ImmutableSortedSet<string> AppSettingNames, ImmutableSortedSet<string> ConnectionStringNames)
{
    public static readonly StickyNames None = new([], []);

    public bool Equals(StickyNames? other) =>
        other is not null && AppSettingNames.SetEquals(other.AppSettingNames) && ConnectionStringNames.SetEquals(other.ConnectionStringNames);

    public override int GetHashCode() => HashCode.Combine(AppSettingNames.Count, ConnectionStringNames.Count);
}

/// <summary>Production and staging of one app, read together.</summary>
/// <param name="CanaryPercent">Share of production traffic currently routed to staging (0–100).</param>
public sealed record SlotsSnapshot(SlotState Production, SlotState Staging, StickyNames Sticky, double CanaryPercent);

/// <summary>The result of a swap request.</summary>
/// <param name="Swapped">False when nothing was done because production already ran the wanted version.</param>
/// <param name="Message">What happened, for the audit trail.</param>
/// <param name="After">The slots as read after the swap.</param>
public sealed record SwapResult(bool Swapped, string Message, SlotsSnapshot After);

/// <summary>The result of smoke-testing one slot.</summary>
/// <param name="Healthy">True when the required number of consecutive healthy answers arrived in time.</param>
/// <param name="Attempts">Probes sent.</param>
/// <param name="Detail">What was seen (last status, timeout...).</param>
public sealed record SmokeTestResult(bool Healthy, int Attempts, string Detail);

/// <summary>How to smoke-test a slot.</summary>
public sealed record SmokeTestSpec(int ConsecutiveHealthy, TimeSpan Timeout, TimeSpan Interval)
{
    public static readonly SmokeTestSpec Default = new(3, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5));
}
