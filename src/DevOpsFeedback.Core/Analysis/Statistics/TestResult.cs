namespace DevOpsFeedback.Analysis.Statistics;

/// <summary>A test statistic and its p-value (one-sided unless the method says otherwise).</summary>
public readonly record struct TestResult(double Statistic, double PValue);
