namespace DevOpsFeedback.Azure.Hosting;

/// <summary>
/// Production health checks between releases. Bound from the <c>HealthChecks</c> section; the Functions timer reads
/// <c>%HealthChecks:Schedule%</c> (app setting <c>HealthChecks__Schedule</c>), a six-field CRON.
/// </summary>
public sealed class HealthCheckOptions
{
    public const string SectionName = "HealthChecks";

    /// <summary>Every 5 minutes by default.</summary>
    public string Schedule { get; set; } = "0 */5 * * * *";
}
