using System.Text.Json;
using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Feedback;

public sealed class RetrospectiveRequestParserTests
{
    private static ParseResult<RetrospectiveSubmission> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return RetrospectiveRequestParser.Parse(doc.RootElement);
    }

    [Fact]
    public void Parse_SpecExample_ReturnsSubmission()
    {
        var result = Parse("""
            { "team": "payments", "iteration": "2026-W47", "releaseIds": ["rel-2026-11-20-payments-0041"],
              "items": [ { "kind": "to-improve", "text": "Migration not rehearsed on prod-size data", "votes": 5 },
                         { "kind": "action", "text": "Add a prod-size migration rehearsal", "owner": "team-payments", "dueDate": "2026-12-04" } ] }
            """);
        Assert.True(result.IsValid);
        var r = result.Value!;
        Assert.Equal("payments", r.Team);
        Assert.Equal(new[] { "rel-2026-11-20-payments-0041" }, r.ReleaseIds.ToArray());
        Assert.Equal(new RetrospectiveItem(RetrospectiveItemKind.ToImprove, "Migration not rehearsed on prod-size data", 5, null, null), r.Items[0]);
        Assert.Equal(new RetrospectiveItem(RetrospectiveItemKind.Action, "Add a prod-size migration rehearsal", 0, "team-payments", new DateOnly(2026, 12, 4)), r.Items[1]);
    }

    [Theory]
    [InlineData("""{ "iteration": "w1", "items": [{ "kind": "went-well", "text": "x" }] }""", "team", "is required")]
    [InlineData("""{ "team": "a/b", "iteration": "w1", "items": [{ "kind": "went-well", "text": "x" }] }""", "team", "must match [A-Za-z0-9._-]{1,100}")]
    [InlineData("""{ "team": "t", "items": [{ "kind": "went-well", "text": "x" }] }""", "iteration", "is required")]
    [InlineData("""{ "team": "t", "iteration": "w1" }""", "items", "is required")]
    [InlineData("""{ "team": "t", "iteration": "w1", "items": [] }""", "items", "must hold 1 to 200 items")]
    [InlineData("""{ "team": "t", "iteration": "w1", "releaseIds": "r1", "items": [{ "kind": "went-well", "text": "x" }] }""", "releaseIds", "must be an array of release ids")]
    [InlineData("""{ "team": "t", "iteration": "w1", "releaseIds": ["ok", "no way"], "items": [{ "kind": "went-well", "text": "x" }] }""", "releaseIds[1]", "must match [A-Za-z0-9._-]{1,100}")]
    [InlineData("""{ "team": "t", "iteration": "w1", "items": [{ "kind": "went_well", "text": "x" }] }""", "items[0].kind", "must be one of went-well, to-improve, action")]
    [InlineData("""{ "team": "t", "iteration": "w1", "items": [{ "kind": "went-well", "text": "" }] }""", "items[0].text", "must not be blank")]
    [InlineData("""{ "team": "t", "iteration": "w1", "items": [{ "kind": "went-well", "text": "x", "votes": -1 }] }""", "items[0].votes", "must be an integer from 0 to 1000")]
    [InlineData("""{ "team": "t", "iteration": "w1", "items": [{ "kind": "went-well", "text": "x", "votes": 1001 }] }""", "items[0].votes", "must be an integer from 0 to 1000")]
    [InlineData("""{ "team": "t", "iteration": "w1", "items": [{ "kind": "went-well", "text": "x", "owner": "me" }] }""", "items[0].owner", "is allowed on actions only")]
    [InlineData("""{ "team": "t", "iteration": "w1", "items": [{ "kind": "to-improve", "text": "x", "dueDate": "2026-12-01" }] }""", "items[0].dueDate", "is allowed on actions only")]
    [InlineData("""{ "team": "t", "iteration": "w1", "items": [{ "kind": "action", "text": "x", "dueDate": "2026-12-01" }] }""", "items[0].owner", "is required on an action")]
    [InlineData("""{ "team": "t", "iteration": "w1", "items": [{ "kind": "action", "text": "x", "owner": "me" }] }""", "items[0].dueDate", "is required on an action")]
    [InlineData("""{ "team": "t", "iteration": "w1", "items": [{ "kind": "action", "text": "x", "owner": "me", "dueDate": "2026-02-30" }] }""", "items[0].dueDate", "must be a real date as YYYY-MM-DD")]
    [InlineData("""{ "team": "t", "iteration": "w1", "items": [{ "kind": "action", "text": "x", "owner": "me", "dueDate": "04/12/2026" }] }""", "items[0].dueDate", "must be a real date as YYYY-MM-DD")]
    public void Parse_BadField_NamesTheField(string json, string field, string message)
    {
        var result = Parse(json);
        Assert.False(result.IsValid);
        Assert.Equal([message], result.Errors[field]);
    }

    [Fact]
    public void Parse_TextOver2000_IsRejected()
    {
        var json = JsonSerializer.Serialize(new { team = "t", iteration = "w1", items = new[] { new { kind = "went-well", text = new string('y', 2001) } } });
        Assert.Equal(["must be at most 2000 characters"], Parse(json).Errors["items[0].text"]);
    }
}
