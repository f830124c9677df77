using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Notifications;

/// <summary>
/// Delivery attempts on the release, in the document store: collection <c>deliveries</c>, partition = release id
/// (or <c>app:{app}</c> for app-level notifications), key = notification id / sink / attempt, so a release's
/// attempts read back in event order.
/// </summary>
public sealed class DocumentDeliveryLog(IDocumentStore store) : IDeliveryLog
{
    public const string Collection = "deliveries";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string PartitionOf(string app, string? releaseId) => releaseId ?? $"app:{app}";

    public async Task RecordAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var key = $"{attempt.NotificationId}/{attempt.Sink}/{attempt.Attempt:D2}";
        await store.PutAsync(Collection, new Document(PartitionOf(attempt.App, attempt.ReleaseId), key, JsonSerializer.Serialize(attempt, Json)), cancellationToken);
    }

    /// <summary>The attempts recorded for a release, in event order.</summary>
    public async Task<ImmutableArray<DeliveryAttempt>> ListAsync(string releaseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(releaseId);
        var result = ImmutableArray.CreateBuilder<DeliveryAttempt>();
        await foreach (var doc in store.QueryAsync(Collection, releaseId, null, null, cancellationToken))
        {
            result.Add(JsonSerializer.Deserialize<DeliveryAttempt>(doc.Json, Json)
                ?? throw new InvalidDataException($"{Collection}/{releaseId}/{doc.Key} holds null"));
        }

        return result.ToImmutable();
    }
}
