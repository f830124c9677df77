namespace DevOpsFeedback.Azure.AppService;

/// <summary>An injected answer: <paramref name="Times"/> requests matching method and path suffix get it.</summary>
internal sealed record StandInFault(string Method, string PathSuffix, int Status, string Body, int? RetryAfterSeconds = null)
{
    public int Times { get; set; } = 1;

    /// <summary>Match the path fragment anywhere, not only at the end (for paths with generated ids).</summary>
    public bool AnywhereInPath { get; init; }
}
