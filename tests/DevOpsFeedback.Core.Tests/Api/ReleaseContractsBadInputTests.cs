using System.Text;
using System.Text.Json.Nodes;

namespace DevOpsFeedback.Api;

/// <summary>Issue 2, bad input: a release request missing fields or with an unknown change type is refused naming the field.</summary>
public sealed class ReleaseContractsBadInputTests
{
    private static readonly HashSet<string> Policies = ["default"];

    private static JsonObject Valid() => new()
    {
        ["releaseId"] = "rel-1",
        ["app"] = "web",
        ["candidateVersion"] = "1.1.0",
        ["candidateCommit"] = new string('b', 40),
        ["changeType"] = "standard",
        ["requestedBy"] = "pipeline",
    };

    private static (Releases.ReleaseRequest? Request, FieldErrors Errors) Parse(JsonObject body)
    {
        var errors = new FieldErrors();
        var request = ReleaseContracts.ParseRelease(Encoding.UTF8.GetBytes(body.ToJsonString()), app => $"{app}-generated", Policies, errors);
        return (request, errors);
    }

    [Fact]
    public void ParseRelease_ValidBody_GivesTheRequest()
    {
        var (request, errors) = Parse(Valid());
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(Releases.ChangeType.Standard, request?.ChangeType);
        Assert.Equal(Releases.DatabaseChange.None, request?.DatabaseChange);
    }

    [Theory]
    [InlineData("app")]
    [InlineData("candidateVersion")]
    [InlineData("candidateCommit")]
    [InlineData("changeType")]
    [InlineData("requestedBy")]
    public void ParseRelease_MissingRequiredField_NamesTheField(string field)
    {
        var body = Valid();
        body.Remove(field);
        var (request, errors) = Parse(body);
        Assert.Null(request);
        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("changeType", "urgent")]
    [InlineData("changeType", "Standard")]
    [InlineData("databaseChange", "drop-everything")]
    [InlineData("candidateCommit", "not-a-sha")]
    public void ParseRelease_UnknownOrMalformedValue_NamesTheField(string field, string value)
    {
        var body = Valid();
        body[field] = value;
        var (request, errors) = Parse(body);
        Assert.Null(request);
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void ParseRelease_NormalChangeWithoutRollbackPlan_NamesTheRollbackPlan()
    {
        var body = Valid();
        body["changeType"] = "normal";
        var (request, errors) = Parse(body);
        Assert.Null(request);
        Assert.Equal(["rollbackPlan"], errors.ToDictionary().Keys);
    }
}
