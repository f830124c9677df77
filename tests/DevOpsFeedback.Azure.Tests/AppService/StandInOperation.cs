namespace DevOpsFeedback.Azure.AppService;

/// <summary>A swap the stand-in is working on.</summary>
internal sealed class StandInOperation(string id, string source, string target)
{
    public string Id { get; } = id;

    public string Source { get; } = source;

    public string Target { get; } = target;

    public int Polls { get; set; }

    public string? Outcome { get; set; }
}
