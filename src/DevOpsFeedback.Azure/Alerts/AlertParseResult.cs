using System.Collections.Immutable;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Alerts;

/// <summary>
/// A parsed common-schema alert, or the errors (each naming its field) that make the endpoint answer 400.
/// </summary>
/// <param name="Signal">The alert, when the payload is acceptable.</param>
/// <param name="Errors">Every problem found; empty on success.</param>
/// <param name="MonitoringService"><c>essentials.monitoringService</c> (decides the <c>alertContext</c> shape).</param>
/// <param name="CustomProperties">String values of <c>data.customProperties</c> (e.g. <c>app</c>); empty when null.</param>
/// <param name="AlertContextJson"><c>data.alertContext</c> exactly as received (to be stored, and rendered escaped).</param>
public sealed record AlertParseResult(
    AlertSignal? Signal,
    ImmutableArray<AlertFieldError> Errors,
    string? MonitoringService,
    ImmutableSortedDictionary<string, string> CustomProperties,
    string? AlertContextJson)
{
    public bool IsSuccess => Signal is not null && Errors.IsEmpty;

    /// <summary>All errors in one line, for a problem+json detail.</summary>
    public string ErrorSummary => string.Join("; ", Errors);

    internal static AlertParseResult Invalid(IEnumerable<AlertFieldError> errors) =>
        new(null, [.. errors], null, ImmutableSortedDictionary<string, string>.Empty, null);
}
