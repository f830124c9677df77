namespace DevOpsFeedback.Cli.Serve;

/// <summary>A <c>dfb serve</c> setting that is missing or invalid, found when the host is built; the message names it. The command exits with code 2.</summary>
public sealed class ServeConfigurationException : Exception
{
    public ServeConfigurationException()
    {
    }

    public ServeConfigurationException(string message)
        : base(message)
    {
    }

    public ServeConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
