namespace DevOpsFeedback.Azure.AppService;

/// <summary>How the stand-in answers a swap, and faults to inject.</summary>
internal sealed class StandInBehaviour
{
    /// <summary>Polls answered "still running" before the swap completes.</summary>
    public int PollsBeforeDone { get; set; } = 2;

    /// <summary>Retry-After (seconds) on the 202s; null sends none.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Also send Azure-AsyncOperation (the client should prefer it).</summary>
    public bool SendAzureAsyncOperation { get; set; }

    /// <summary>Send no poll header at all on the 202 (a malformed answer).</summary>
    public bool OmitPollHeaders { get; set; }

    /// <summary>Send the Location on a foreign host (the client must not follow it with its token).</summary>
    public bool PollOnForeignHost { get; set; }

    /// <summary>The swap never completes.</summary>
    public bool NeverComplete { get; set; }

    /// <summary>The swap fails with this ARM error (code, message) instead of completing.</summary>
    public (string Code, string Message)? FailWith { get; set; }

    /// <summary>Called on every poll of a swap (e.g. to cancel the caller mid-operation).</summary>
    public Action? OnPoll { get; set; }

    /// <summary>Page size of slotsdiffs.</summary>
    public int DiffPageSize { get; set; } = 2;

    /// <summary>Injected answers, matched in order by method and path suffix before normal handling.</summary>
    public List<StandInFault> Faults { get; } = [];
}
