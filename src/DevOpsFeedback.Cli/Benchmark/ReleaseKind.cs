namespace DevOpsFeedback.Cli.Benchmark;

/// <summary>What the generator did to a release's candidate.</summary>
public enum ReleaseKind
{
    Healthy,
    HealthyNoisy,
    LowTraffic,
    ErrorRateX1Point5,
    ErrorRateX2,
    ErrorRateX5,
    P95Plus30,
    P95Plus100,
    SlowBurn,
    TrafficLoss,
}

internal static class ReleaseKinds
{
    public static bool IsHealthy(this ReleaseKind kind) => kind is ReleaseKind.Healthy or ReleaseKind.HealthyNoisy or ReleaseKind.LowTraffic;

    public static string Label(this ReleaseKind kind) => kind switch
    {
        ReleaseKind.Healthy => "healthy",
        ReleaseKind.HealthyNoisy => "noisy",
        ReleaseKind.LowTraffic => "low traffic",
        ReleaseKind.ErrorRateX1Point5 => "err×1.5",
        ReleaseKind.ErrorRateX2 => "err×2",
        ReleaseKind.ErrorRateX5 => "err×5",
        ReleaseKind.P95Plus30 => "p95+30%",
        ReleaseKind.P95Plus100 => "p95+100%",
        ReleaseKind.SlowBurn => "slow burn",
        ReleaseKind.TrafficLoss => "traffic loss",
        _ => kind.ToString(),
    };
}
