using System.Collections.Immutable;
using System.Globalization;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Api;

/// <summary>The result of one health check of an app's production slot.</summary>
public sealed record HealthCheckResult(string App, DateTimeOffset At, bool? Healthy, string Detail);

/// <summary>
/// Watches production between releases (a timer in Azure, a background schedule locally): smoke-tests each app's
/// production slot unless a release that changed production is under way (its bake watches it), records every check,
/// and opens an incident when production turns unhealthy and resolves it when it recovers (DORA's time to restore).
/// </summary>
public sealed class ProductionWatch(IReleaseStore store, IDocumentStore documents, ISlotController slots, TimeProvider time)
{
    public const string ChecksCollection = "health-checks";

    public async Task<ImmutableArray<HealthCheckResult>> CheckAsync(IEnumerable<string> apps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var results = ImmutableArray.CreateBuilder<HealthCheckResult>();
        foreach (var app in apps.Order(StringComparer.Ordinal))
        {
            results.Add(await CheckAppAsync(app, cancellationToken));
        }

        return results.ToImmutable();
    }

    private async Task<HealthCheckResult> CheckAppAsync(string app, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var entry in (await store.ListByAppAsync(app, cancellationToken)).Where(e => !e.IsTerminal))
        {
            var state = ReleaseJson.Fold(await store.ReadAsync(entry.ReleaseId, cancellationToken));
            if (state.ChangedProduction) return new HealthCheckResult(app, now, null, $"skipped: release {entry.ReleaseId} is {state.Status} and watches production itself");
        }

        HealthCheckResult result;
        try
        {
            var smoke = await slots.SmokeTestAsync(app, "production", SmokeTestSpec.Default, cancellationToken);
            result = new HealthCheckResult(app, now, smoke.Healthy, smoke.Detail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Could not check: recorded as such (null), never as healthy.
            result = new HealthCheckResult(app, now, null, $"could not check production: {ex.GetType().Name}: {ex.Message}");
        }

        var key = now.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        await documents.PutAsync(ChecksCollection, new Document(app, key, ReleaseJson.Serialize(result)), cancellationToken);
        if (result.Healthy is { } healthy) await TrackIncidentAsync(app, healthy, now, cancellationToken);
        return result;
    }

    private async Task TrackIncidentAsync(string app, bool healthy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string openKey = "open-health-incident";
        var open = await documents.GetAsync(ChecksCollection, app, openKey, cancellationToken);
        if (!healthy && open is null)
        {
            var incident = new Incident(app, $"health-check-{now.ToUnixTimeSeconds()}", "production health check", "Sev1", now, null);
            var key = $"health|{incident.AlertId}";
            await documents.PutAsync(ReleaseApi.IncidentCollection, new Document(app, key, ReleaseJson.Serialize(incident)), cancellationToken);
            await documents.PutAsync(ChecksCollection, new Document(app, openKey, key), cancellationToken);
        }
        else if (healthy && open is not null)
        {
            var doc = await documents.GetAsync(ReleaseApi.IncidentCollection, app, open.Json, cancellationToken);
            if (doc is not null)
            {
                var incident = ReleaseJson.Deserialize<Incident>(doc.Json) with { ResolvedAt = now };
                await documents.PutAsync(ReleaseApi.IncidentCollection, doc with { Json = ReleaseJson.Serialize(incident) }, cancellationToken);
            }

            await documents.DeleteAsync(ChecksCollection, app, openKey, null, cancellationToken);
        }
    }
}
