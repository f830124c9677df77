using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Api;

/// <summary>Approve body: <c>{"approver", "comment", "overrides"}</c>.</summary>
public sealed record ApproveBody(string Approver, string? Comment, ImmutableArray<string> Overrides);

/// <summary>Reject body: <c>{"approver", "reason"}</c>.</summary>
public sealed record RejectBody(string Approver, string Reason);

/// <summary>Rollback / backout body: <c>{"requestedBy", "reason"}</c>.</summary>
public sealed record RedButtonBody(string RequestedBy, string Reason);

/// <summary>Parses and validates the release routes' bodies exactly as http-api.md fixes them.</summary>
public static partial class ReleaseContracts
{
    public static readonly ImmutableSortedDictionary<string, ChangeType> ChangeTypes = ImmutableSortedDictionary.CreateRange<string, ChangeType>(
        StringComparer.Ordinal,
        [new("standard", ChangeType.Standard), new("normal", ChangeType.Normal), new("emergency", ChangeType.Emergency)]);

    public static readonly ImmutableSortedDictionary<string, DatabaseChange> DatabaseChanges = ImmutableSortedDictionary.CreateRange<string, DatabaseChange>(
        StringComparer.Ordinal,
        [new("none", DatabaseChange.None), new("expand", DatabaseChange.Expand), new("contract", DatabaseChange.Contract), new("breaking", DatabaseChange.Breaking)]);

    [GeneratedRegex("^[A-Za-z0-9._+-]{1,64}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")]
    private static partial Regex CommitPattern();

    /// <summary>
    /// Parses <c>POST /api/releases</c>. <paramref name="generateId"/> makes an id when the body has none;
    /// <paramref name="policies"/> are the configured policy names.
    /// </summary>
    public static ReleaseRequest? ParseRelease(ReadOnlyMemory<byte> body, Func<string, string> generateId, IReadOnlySet<string> policies, FieldErrors errors, string defaultPolicy = "default")
    {
        ArgumentNullException.ThrowIfNull(generateId);
        ArgumentNullException.ThrowIfNull(policies);
        using var doc = StrictJson.Parse(body, errors);
        if (doc is null) return null;
        var r = new JsonObjectReader(doc.RootElement, errors);
        if (!r.IsObject) return null;

        var releaseId = r.Id("releaseId", required: false);
        var app = r.Id("app", required: true);
        var version = r.String("candidateVersion", true, 64, VersionPattern(), "[A-Za-z0-9._+-]{1,64}", freeText: false);
        var commit = r.String("candidateCommit", true, 64, CommitPattern(), "40 or 64 hex characters", freeText: false);
        var changeType = r.Enum("changeType", true, ChangeTypes);
        var db = r.Enum("databaseChange", false, DatabaseChanges) ?? DatabaseChange.None;
        var rollbackPlan = r.String("rollbackPlan", false, 4000);
        var requestedBy = r.String("requestedBy", true, 200);
        var workItems = ParseWorkItems(r);
        var canary = ParseCanary(r);
        var policy = r.String("policy", false, 100, freeText: false) ?? defaultPolicy;
        if (!policies.Contains(policy)) errors.Add("policy", $"'{policy}' is not a configured policy (known: {string.Join(", ", policies.Order(StringComparer.Ordinal))})");
        if (changeType is { } ct && (ct != ChangeType.Standard || db != DatabaseChange.None) && string.IsNullOrWhiteSpace(rollbackPlan) && r.Raw("rollbackPlan") is null)
        {
            errors.Add("rollbackPlan", "is required unless changeType is 'standard' and databaseChange is 'none'");
        }

        r.Finish();
        if (!errors.IsEmpty) return null;
        return new ReleaseRequest(releaseId ?? generateId(app!), app!, version!, commit!.ToLowerInvariant(), changeType!.Value, db, rollbackPlan,
            requestedBy!, workItems, canary, policy);
    }

    private static ImmutableArray<string> ParseWorkItems(JsonObjectReader r)
    {
        var items = r.Array("workItems", false, 20);
        if (items is null) return [];
        var result = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < items.Value.Length; i++)
        {
            var e = items.Value[i];
            if (e.ValueKind == JsonValueKind.String && Uri.TryCreate(e.GetString(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && e.GetString()!.Length <= 2000)
            {
                result.Add(e.GetString()!);
            }
            else
            {
                r.Errors.Add($"workItems[{i}]", "must be an absolute https URL");
            }
        }

        return result.ToImmutable();
    }

    private static CanaryPlan? ParseCanary(JsonObjectReader r)
    {
        var raw = r.Raw("canary");
        if (raw is null) return null;
        var c = new JsonObjectReader(raw.Value, r.Errors, "canary.");
        if (!c.IsObject) return null;
        var stepsRaw = c.Array("steps", true, 20, 1);
        var minutes = c.Int("stepMinutes", true, 1, 120);
        c.Finish();
        if (stepsRaw is null) return null;
        var steps = ImmutableArray.CreateBuilder<int>();
        for (var i = 0; i < stepsRaw.Value.Length; i++)
        {
            var e = stepsRaw.Value[i];
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var p) || p is < 1 or > 99)
            {
                r.Errors.Add($"canary.steps[{i}]", "must be an integer from 1 to 99");
                continue;
            }

            if (steps.Count > 0 && p <= steps[^1]) r.Errors.Add($"canary.steps[{i}]", "steps must be ascending");
            steps.Add(p);
        }

        return minutes is null ? null : new CanaryPlan(steps.ToImmutable(), minutes.Value);
    }

    public static ApproveBody? ParseApprove(ReadOnlyMemory<byte> body, FieldErrors errors)
    {
        using var doc = StrictJson.Parse(body, errors);
        if (doc is null) return null;
        var r = new JsonObjectReader(doc.RootElement, errors);
        if (!r.IsObject) return null;
        var approver = r.String("approver", true, 200);
        var comment = r.String("comment", false, 4000);
        var overrides = ImmutableArray.CreateBuilder<string>();
        if (r.Array("overrides", false, 10) is { } items)
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i].ValueKind == JsonValueKind.String && ReleaseNames.Overrides.Contains(items[i].GetString()!)) overrides.Add(items[i].GetString()!);
                else errors.Add($"overrides[{i}]", $"must be one of: {string.Join(", ", ReleaseNames.Overrides.Select(o => $"'{o}'"))}");
            }
        }

        r.Finish();
        return errors.IsEmpty ? new ApproveBody(approver!, comment, overrides.ToImmutable()) : null;
    }

    public static RejectBody? ParseReject(ReadOnlyMemory<byte> body, FieldErrors errors)
    {
        using var doc = StrictJson.Parse(body, errors);
        if (doc is null) return null;
        var r = new JsonObjectReader(doc.RootElement, errors);
        if (!r.IsObject) return null;
        var approver = r.String("approver", true, 200);
        var reason = r.String("reason", true, 4000);
        r.Finish();
        return errors.IsEmpty ? new RejectBody(approver!, reason!) : null;
    }

    public static RedButtonBody? ParseRedButton(ReadOnlyMemory<byte> body, FieldErrors errors)
    {
        using var doc = StrictJson.Parse(body, errors);
        if (doc is null) return null;
        var r = new JsonObjectReader(doc.RootElement, errors);
        if (!r.IsObject) return null;
        var by = r.String("requestedBy", true, 200);
        var reason = r.String("reason", true, 4000);
        r.Finish();
        return errors.IsEmpty ? new RedButtonBody(by!, reason!) : null;
    }
}
