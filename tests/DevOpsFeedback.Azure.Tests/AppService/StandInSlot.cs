namespace DevOpsFeedback.Azure.AppService;

/// <summary>One slot of a stand-in site; "production" is the site itself.</summary>
internal sealed class StandInSlot(string name, string defaultHostName)
{
    /// <summary>A <see cref="Health"/> answer meaning "never answer": the request hangs until the client aborts it.</summary>
    public const int Hang = 0;

    public string Name { get; } = name;

    public string DefaultHostName { get; } = defaultHostName;

    public string State { get; set; } = "Running";

    public Dictionary<string, string> AppSettings { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string Value, string Type)> ConnectionStrings { get; set; } = new(StringComparer.Ordinal);

    public string? HealthCheckPath { get; set; }

    /// <summary>Production only: <c>experiments.rampUpRules</c> as sent (replaced as a whole on PATCH).</summary>
    public string RampUpRulesJson { get; set; } = "[]";

    public string? TargetSwapSlot { get; set; }

    /// <summary>Sticky values saved by applySlotConfig, restored by resetSlotConfig or the completed swap.</summary>
    public Dictionary<string, string?>? SavedBeforePreview { get; set; }

    public (DateTimeOffset At, string Source, string Destination)? LastSwap { get; set; }

    /// <summary>Status the health endpoint answers, asked once per probe.</summary>
    public Func<int> Health { get; set; } = () => 200;

    /// <summary>Paths (with query) the health endpoint was asked for.</summary>
    public List<string> HealthHits { get; } = [];
}
