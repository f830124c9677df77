namespace DevOpsFeedback.Infra.Tests.Bicep;

/// <summary>A module declaration: its symbol, the file it points at, and the parameter names it passes.</summary>
internal sealed record BicepModule(string Symbol, string Path, IReadOnlySet<string> Parameters);
