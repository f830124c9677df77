using MathNet.Numerics.Distributions;

namespace DevOpsFeedback.Analysis.Statistics;

/// <summary>The shape of a Lan-DeMets alpha-spending function.</summary>
public enum SpendingFunction
{
    /// <summary>α·ln(1 + (e − 1)·t): spends evenly, early looks can stop (Pocock-like).</summary>
    Pocock,

    /// <summary>2 − 2Φ(z<sub>α/2</sub>/√t): spends almost nothing early (O'Brien-Fleming-like).</summary>
    OBrienFleming,

    /// <summary>α·t.</summary>
    Linear,
}

/// <summary>
/// Repeated-look control: the overall false-alarm probability α is spent across the planned looks of a bake.
/// Look k of K may use the alpha spent between t = (k−1)/K and t = k/K. Using that increment as the nominal level
/// of look k bounds the overall false-alarm rate by α (a union bound: conservative, never anti-conservative).
/// </summary>
public static class AlphaSpending
{
    /// <summary>Cumulative alpha spent at information fraction t ∈ [0, 1].</summary>
    public static double Spent(SpendingFunction function, double alpha, double t)
    {
        if (t <= 0) return 0;
        t = Math.Min(1, t);
        return function switch
        {
            SpendingFunction.Pocock => alpha * Math.Log(1 + (Math.E - 1) * t),
            SpendingFunction.Linear => alpha * t,
            SpendingFunction.OBrienFleming => 2 - 2 * Normal.CDF(0, 1, -Normal.InvCDF(0, 1, alpha / 2) / Math.Sqrt(t)),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };
    }

    /// <summary>
    /// The nominal one-sided level of look <paramref name="look"/> (1-based) of <paramref name="plannedLooks"/>: from the exact
    /// group-sequential boundary up to <see cref="GroupSequentialBoundary.MaxExactLooks"/> looks, the union bound beyond.
    /// </summary>
    public static double NominalLevel(SpendingFunction function, double alpha, int look, int plannedLooks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(look, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(plannedLooks, 1);
        if (plannedLooks > GroupSequentialBoundary.MaxExactLooks) return UnionBoundLevel(function, alpha, look, plannedLooks);
        var z = GroupSequentialBoundary.ZBoundaries(function, alpha, plannedLooks)[Math.Min(look, plannedLooks) - 1];
        return ProportionTest.UpperTail(z);
    }

    /// <summary>The alpha spent between look k−1 and k used as the level of look k (conservative union bound).</summary>
    public static double UnionBoundLevel(SpendingFunction function, double alpha, int look, int plannedLooks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(look, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(plannedLooks, 1);
        if (look > plannedLooks) return Spent(function, alpha, 1) - Spent(function, alpha, (double)(plannedLooks - 1) / plannedLooks);
        return Spent(function, alpha, (double)look / plannedLooks) - Spent(function, alpha, (double)(look - 1) / plannedLooks);
    }
}
