namespace DevOpsFeedback.Simulation;

/// <summary>Requests per minute of an app: a daily sine around <see cref="MeanPerMinute"/> with its peak at <see cref="PeakHourUtc"/>.</summary>
public sealed record TrafficProfile(double MeanPerMinute, double DailyAmplitude = 0.4, int PeakHourUtc = 14)
{
    public double ExpectedAt(DateTimeOffset minute)
    {
        var hours = minute.UtcDateTime.TimeOfDay.TotalHours;
        var phase = (hours - PeakHourUtc) / 24.0 * 2 * Math.PI;
        return Math.Max(0, MeanPerMinute * (1 + (DailyAmplitude * Math.Cos(phase))));
    }
}
