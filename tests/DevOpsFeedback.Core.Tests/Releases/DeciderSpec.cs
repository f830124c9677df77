using System.Collections.Immutable;
using DevOpsFeedback.Orchestration;

namespace DevOpsFeedback.Releases;

/// <summary>
/// Given(history).When(command).Then(events): the decider's specs read as the audit trail they produce.
/// Events are compared by their JSON (the shape they are stored in), so arrays inside them compare by content.
/// </summary>
internal sealed class DeciderSpec
{
    private readonly ImmutableArray<ReleaseEvent> _history;
    private ImmutableArray<ReleaseEvent>? _decided;

    private DeciderSpec(ImmutableArray<ReleaseEvent> history)
    {
        _history = history;
        State = ReleaseDecider.Fold(history);
    }

    /// <summary>The state folded from the history.</summary>
    public ReleaseState State { get; }

    /// <summary>The state after the decided events.</summary>
    public ReleaseState After => Decided.Aggregate(State, ReleaseDecider.Evolve);

    public ImmutableArray<ReleaseEvent> Decided => _decided ?? throw new InvalidOperationException("call When first");

    public static DeciderSpec Given(params IEnumerable<ReleaseEvent>[] history) => new([.. history.SelectMany(h => h)]);

    public DeciderSpec When(ReleaseCommand command)
    {
        _decided = ReleaseDecider.Decide(command, State);
        var again = ReleaseDecider.Decide(command, State);
        Assert.Equal(Json(_decided.Value), Json(again)); // pure: the same input decides the same events
        return this;
    }

    /// <summary>Exactly these events, in this order.</summary>
    public DeciderSpec Then(params ReleaseEvent[] expected)
    {
        Assert.Equal(Json(expected), Json(Decided));
        return this;
    }

    public DeciderSpec ThenNothing()
    {
        Assert.Empty(Decided);
        return this;
    }

    /// <summary>Events of exactly these types, in this order (their content is checked with <see cref="The{T}"/>).</summary>
    public DeciderSpec ThenTypes(params Type[] expected)
    {
        Assert.Equal(expected.Select(t => t.Name), Decided.Select(e => e.GetType().Name));
        return this;
    }

    /// <summary>The one decided event of type <typeparamref name="T"/>.</summary>
    public T The<T>()
        where T : ReleaseEvent => Assert.Single(Decided.OfType<T>());

    public DeciderSpec ThenNext(ReleaseStep expected, DateTimeOffset now)
    {
        Assert.Equal(StepJson(expected), StepJson(ReleaseDecider.NextStep(After, now)));
        return this;
    }

    public ReleaseStep Next(DateTimeOffset now) => ReleaseDecider.NextStep(After, now);

    public ImmutableArray<ReleaseEvent> History => _history;

    private static string[] Json(IEnumerable<ReleaseEvent> events) => [.. events.Select(e => ReleaseJson.Serialize(e))];

    internal static string StepJson(ReleaseStep step) => step switch
    {
        RunAction r => "run " + ReleaseJson.Serialize(r.Action),
        _ => ReleaseJson.Serialize((object)step),
    };
}
