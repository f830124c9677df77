namespace DevOpsFeedback.Orchestration;

/// <summary>A runtime that accepts signals for its release (virtual time and the local host).</summary>
public interface ISignalTarget
{
    void Signal(ReleaseSignal signal);
}
