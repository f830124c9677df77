namespace DevOpsFeedback.Azure.Hosting;

/// <summary>
/// Settings a host reads at start are missing or invalid; the message names every bad key. Hosts stop on it (the Functions
/// worker fails to start, <c>dfb serve</c> exits with code 2).
/// </summary>
public sealed class InvalidSettingsException : InvalidOperationException
{
    public InvalidSettingsException()
    {
    }

    public InvalidSettingsException(string message)
        : base(message)
    {
    }

    public InvalidSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
