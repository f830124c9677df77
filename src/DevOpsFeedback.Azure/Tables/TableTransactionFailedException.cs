namespace DevOpsFeedback.Azure.Tables;

/// <summary>An entity-group transaction was rejected; nothing of it was committed.</summary>
public sealed class TableTransactionFailedException : TableStorageException
{
    public TableTransactionFailedException(int status, string? errorCode, int? failedIndex, string message)
        : base(status, errorCode, message)
    {
        FailedIndex = failedIndex;
    }

    public TableTransactionFailedException()
    {
    }

    public TableTransactionFailedException(string message) : base(message)
    {
    }

    public TableTransactionFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>0-based index of the operation the service rejected, when it said.</summary>
    public int? FailedIndex { get; }
}
