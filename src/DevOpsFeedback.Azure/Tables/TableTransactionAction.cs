namespace DevOpsFeedback.Azure.Tables;

/// <summary>What an operation of an entity-group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails with EntityAlreadyExists when the entity exists.</summary>
    Add,

    /// <summary>Insert or replace (no If-Match).</summary>
    UpsertReplace,

    /// <summary>Insert or merge (no If-Match).</summary>
    UpsertMerge,

    /// <summary>Replace with If-Match (the entity's ETag, or * when null).</summary>
    UpdateReplace,

    /// <summary>Merge with If-Match (the entity's ETag, or * when null).</summary>
    UpdateMerge,

    /// <summary>Delete with If-Match (the entity's ETag, or * when null).</summary>
    Delete,
}

/// <summary>One operation of an entity-group transaction.</summary>
public sealed record TableTransactionAction(TableTransactionActionType Type, TableEntity Entity);
