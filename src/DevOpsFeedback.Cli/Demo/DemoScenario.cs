using System.Collections.Immutable;
using DevOpsFeedback.Simulation;

namespace DevOpsFeedback.Cli.Demo;

/// <summary>One scripted story in virtual time: it sets up a world, schedules what people and pipelines do, and runs.</summary>
public sealed record DemoScenario(string Name, string Title, DateTimeOffset Start, Func<SimulatedWorld, Task<ImmutableArray<string>>> Script);
