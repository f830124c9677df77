using Azure.Core;

namespace DevOpsFeedback.Azure.Planning;

/// <summary>Azure.Core pipeline options (retries, transport, diagnostics) for the planning sinks.</summary>
public sealed class PlanningSinkClientOptions : ClientOptions
{
    public PlanningSinkClientOptions()
    {
        Retry.MaxRetries = 3;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromSeconds(1);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
    }
}
