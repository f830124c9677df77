using System.Security.Cryptography;
using System.Text;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Stable planning-item keys: a kind prefix and the first 16 hex digits of SHA-256 over the subject's natural key
/// (app + theme id, app + release id, app + incident id, team + retrospective id + item index). Keys hold only
/// <c>[a-z0-9-]</c>: safe as document keys, WIQL literals and GitHub labels.
/// </summary>
public static class PlanningKeys
{
    public static string For(PlanningItemKind kind, params string[] naturalKey)
    {
        var prefix = kind switch
        {
            PlanningItemKind.Theme => "theme",
            PlanningItemKind.FixForward => "fix",
            PlanningItemKind.PostIncidentReview => "pir",
            PlanningItemKind.OverdueAction => "action",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown planning item kind"),
        };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', naturalKey)));
        return $"{prefix}-{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }

    public static bool IsKey(string key) =>
        key.Length is > 0 and <= 64 && key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
