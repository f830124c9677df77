using DevOpsFeedback.Analysis;

namespace DevOpsFeedback.Ports;

/// <summary>Decides from telemetry whether a candidate is healthy. Pure: no I/O, no clock.</summary>
public interface IReleaseJudge
{
    /// <summary>The judge's name, recorded with each verdict.</summary>
    string Name { get; }

    Verdict Analyze(AnalysisRequest request);
}
