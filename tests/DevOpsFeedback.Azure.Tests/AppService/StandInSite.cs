namespace DevOpsFeedback.Azure.AppService;

/// <summary>A stand-in App Service site: production plus slots, sticky names, and the swap in progress.</summary>
internal sealed class StandInSite(Guid subscriptionId, string resourceGroup, string name)
{
    public Guid SubscriptionId { get; } = subscriptionId;

    public string ResourceGroup { get; } = resourceGroup;

    public string Name { get; } = name;

    public string Id => $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.Web/sites/{Name}";

    public Dictionary<string, StandInSlot> Slots { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> StickyAppSettings { get; } = new(StringComparer.Ordinal);

    public HashSet<string> StickyConnectionStrings { get; } = new(StringComparer.Ordinal);

    public StandInOperation? Pending { get; set; }

    public StandInSlot Production => Slots["production"];

    public StandInSlot Slot(string name) => Slots[name];
}
