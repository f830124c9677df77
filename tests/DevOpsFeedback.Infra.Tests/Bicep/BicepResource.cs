namespace DevOpsFeedback.Infra.Tests.Bicep;

/// <summary>A resource declaration: its symbol, type, whether it is <c>existing</c>, its body and top-level properties.</summary>
internal sealed record BicepResource(
    string Symbol,
    string Type,
    string ApiVersion,
    bool IsExisting,
    string Body,
    IReadOnlyDictionary<string, string> TopLevel)
{
    public bool IsRoleAssignment => Type.Equals("Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase);
}
