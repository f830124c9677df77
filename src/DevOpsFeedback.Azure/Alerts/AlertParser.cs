using DevOpsFeedback.Api;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Alerts;

/// <summary>
/// <see cref="IAlertParser"/> for the hosts: the common rules of every body (size, BOM, duplicate names, depth)
/// first, then the common alert schema's own rules, each error under its JSON field.
/// </summary>
public sealed class AlertParser : IAlertParser
{
    public AlertSignal? Parse(ReadOnlyMemory<byte> body, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        using var doc = StrictJson.Parse(body, errors);
        if (doc is null) return null;
        var result = CommonAlertSchemaParser.Parse(doc.RootElement);
        foreach (var e in result.Errors) errors.Add(e.Field, e.Message);
        return result.IsSuccess ? result.Signal : null;
    }
}
