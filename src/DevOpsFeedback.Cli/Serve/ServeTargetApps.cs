namespace DevOpsFeedback.Cli.Serve;

/// <summary>The apps <c>dfb serve</c> manages and what they run on: the simulated demo app, or the configured Azure targets.</summary>
/// <param name="description">What the target is, for the start-up line.</param>
/// <param name="names">The app names, read when asked (a test may add simulated apps after the start).</param>
public sealed class ServeTargetApps(string description, Func<IReadOnlyCollection<string>> names)
{
    public string Description => description;

    public IReadOnlyCollection<string> Names => names();
}
