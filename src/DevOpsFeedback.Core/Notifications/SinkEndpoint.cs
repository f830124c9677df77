namespace DevOpsFeedback.Notifications;

/// <summary>A configured sink, resolved: where and how to deliver. The URL and secret are credentials and never printed.</summary>
public sealed record SinkEndpoint(string Name, string Type, Uri Url, string? Secret)
{
    public override string ToString() => $"{Name} ({Type}, {Url.Scheme}://{Url.Authority}/…)";
}
