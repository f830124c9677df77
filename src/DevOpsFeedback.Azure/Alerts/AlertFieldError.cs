namespace DevOpsFeedback.Azure.Alerts;

/// <summary>Why a payload was refused: the JSON path of the field (e.g. <c>data.essentials.alertId</c>) and what is wrong.</summary>
public sealed record AlertFieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
