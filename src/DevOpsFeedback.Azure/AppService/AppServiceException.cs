namespace DevOpsFeedback.Azure.AppService;

/// <summary>A failed App Service operation, translated at the adapter's edge from HTTP and ARM errors.</summary>
public sealed class AppServiceException : Exception
{
    public AppServiceException(AppServiceErrorKind kind, string message, int? status = null, string? armErrorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Status = status;
        ArmErrorCode = armErrorCode;
    }

    public AppServiceException()
        : this(AppServiceErrorKind.ServiceUnavailable, "App Service call failed.")
    {
    }

    public AppServiceException(string message)
        : this(AppServiceErrorKind.ServiceUnavailable, message)
    {
    }

    public AppServiceException(string message, Exception innerException)
        : this(AppServiceErrorKind.ServiceUnavailable, message, innerException: innerException)
    {
    }

    public AppServiceErrorKind Kind { get; }

    /// <summary>The HTTP status that caused the failure, when there was one.</summary>
    public int? Status { get; }

    /// <summary>The ARM error code (<c>error.code</c>), when the body had one.</summary>
    public string? ArmErrorCode { get; }
}
