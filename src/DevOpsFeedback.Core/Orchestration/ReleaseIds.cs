namespace DevOpsFeedback.Orchestration;

/// <summary>The id rule of release ids and app names: <c>[A-Za-z0-9._-]{1,100}</c>.</summary>
public static class ReleaseIds
{
    public static bool IsValid(string? id) => Api.JsonObjectReader.IsId(id);
}
