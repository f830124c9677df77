namespace DevOpsFeedback.Azure.Tables;

/// <summary>Opaque continuation of a query (the x-ms-continuation-Next* headers), sent back verbatim.</summary>
public sealed record TableContinuation(string NextPartitionKey, string? NextRowKey);

/// <summary>One page of a query; <see cref="Continuation"/> is null on the last page. A page can be empty yet continue.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Entities, TableContinuation? Continuation);
