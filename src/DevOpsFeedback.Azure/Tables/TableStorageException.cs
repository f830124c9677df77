using Azure;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>A failed Table storage request: HTTP status plus the service's error code (e.g. <c>EntityAlreadyExists</c>).</summary>
public class TableStorageException : RequestFailedException
{
    public TableStorageException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(status, message, errorCode, innerException)
    {
    }

    public TableStorageException() : base("Table storage request failed")
    {
    }

    public TableStorageException(string message) : base(message)
    {
    }

    public TableStorageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
