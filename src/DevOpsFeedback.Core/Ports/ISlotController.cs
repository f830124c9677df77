namespace DevOpsFeedback.Ports;

/// <summary>The deployment target: an App Service app with a production slot and a staging slot.</summary>
public interface ISlotController
{
    Task<SlotsSnapshot> ReadSlotsAsync(string app, CancellationToken cancellationToken);

    /// <summary>
    /// Swaps staging and production so that production runs <paramref name="wantedProductionVersion"/>.
    /// Idempotent: when production already runs it, nothing is swapped and the result says so.
    /// </summary>
    Task<SwapResult> SwapAsync(string app, string wantedProductionVersion, CancellationToken cancellationToken);

    /// <summary>Routes <paramref name="percent"/> of production traffic to staging (0 removes the rule).</summary>
    Task SetCanaryAsync(string app, double percent, CancellationToken cancellationToken);

    /// <summary>Probes the health path of a slot until N consecutive healthy answers or the timeout.</summary>
    Task<SmokeTestResult> SmokeTestAsync(string app, string slot, SmokeTestSpec spec, CancellationToken cancellationToken);
}
