namespace DevOpsFeedback.Feedback;

/// <summary>
/// Where teams plan (Azure Boards, GitHub Issues). An item is found by its key (a tag or label) and updated, or
/// created when no open one carries the key. Failures (bad token, no access, throttling) throw
/// <see cref="PlanningSinkException"/>; they are never reported as success.
/// </summary>
public interface IPlanningSink
{
    /// <summary>The sink's name for logs and reports ("azure-boards", "github-issues").</summary>
    string Name { get; }

    Task<SinkResult> UpsertAsync(PlanningItem item, CancellationToken cancellationToken);
}

/// <summary>The outcome of one upsert.</summary>
/// <param name="ExternalId">The work item id or issue number.</param>
/// <param name="Url">Where people see it.</param>
/// <param name="Created">True when created, false when an open item with the key was updated.</param>
public sealed record SinkResult(string ExternalId, string? Url, bool Created);
