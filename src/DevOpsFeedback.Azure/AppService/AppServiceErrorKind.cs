namespace DevOpsFeedback.Azure.AppService;

/// <summary>Why an App Service call failed, in the release loop's terms.</summary>
public enum AppServiceErrorKind
{
    /// <summary>401: the credential's token was refused.</summary>
    Unauthenticated,

    /// <summary>403: the identity lacks a permission (e.g. Website Contributor on the site).</summary>
    Forbidden,

    /// <summary>404: the site or slot does not exist.</summary>
    NotFound,

    /// <summary>409: another operation (often a swap) is in progress on the site.</summary>
    Conflict,

    /// <summary>429 after the retries ran out.</summary>
    Throttled,

    /// <summary>5xx after the retries ran out, or the connection failed.</summary>
    ServiceUnavailable,

    /// <summary>Any other 4xx: the request was rejected.</summary>
    BadRequest,

    /// <summary>A long-running operation ended Failed or Canceled.</summary>
    OperationFailed,

    /// <summary>A long-running operation or a probe did not finish in time.</summary>
    Timeout,

    /// <summary>The service answered with a body the adapter cannot read.</summary>
    MalformedResponse,

    /// <summary>The app is set up in a way that makes the operation unsafe (e.g. a sticky version setting).</summary>
    Misconfigured,

    /// <summary>The slots are not in a state the operation can start from (e.g. staging runs another version).</summary>
    InvalidState,
}
