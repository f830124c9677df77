namespace DevOpsFeedback.Feedback;

/// <summary>A planning sink refused or failed a request; <see cref="Status"/> is the HTTP status (0 when none).</summary>
public sealed class PlanningSinkException : Exception
{
    public PlanningSinkException() { }

    public PlanningSinkException(string message) : base(message) { }

    public PlanningSinkException(string message, Exception inner) : base(message, inner) { }

    public PlanningSinkException(string sink, int status, string message, Exception? inner = null)
        : base($"{sink}: {message}", inner)
    {
        Sink = sink;
        Status = status;
    }

    public string Sink { get; } = "";

    public int Status { get; }
}
