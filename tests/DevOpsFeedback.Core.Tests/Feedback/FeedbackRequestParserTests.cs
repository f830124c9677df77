using System.Text.Json;
using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Feedback;

public sealed class FeedbackRequestParserTests
{
    private const string Valid = """{ "app": "contoso-web", "version": "1.5.0", "rating": 2, "category": "bug", "text": "Export fails on large reports.", "userRef": "user-7f3a91", "page": "/reports/export" }""";

    private static ParseResult<IReadOnlyList<FeedbackSubmission>> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return FeedbackRequestParser.Parse(doc.RootElement);
    }

    [Fact]
    public void Parse_SpecExample_ReturnsOneSubmission()
    {
        var result = Parse(Valid);
        Assert.True(result.IsValid);
        var item = Assert.Single(result.Value!);
        Assert.Equal(new FeedbackSubmission("contoso-web", "1.5.0", 2, FeedbackCategory.Bug, "Export fails on large reports.", "user-7f3a91", "/reports/export"), item);
    }

    [Fact]
    public void Parse_MinimalItem_LeavesOptionalsNull()
    {
        var result = Parse("""{ "app": "a", "category": "idea", "text": "dark mode" }""");
        Assert.Equal(new FeedbackSubmission("a", null, null, FeedbackCategory.Idea, "dark mode", null, null), Assert.Single(result.Value!));
    }

    [Theory]
    [InlineData("""{ "category": "bug", "text": "x" }""", "app", "is required")]
    [InlineData("""{ "app": "bad app", "category": "bug", "text": "x" }""", "app", "must match [A-Za-z0-9._-]{1,100}")]
    [InlineData("""{ "app": 5, "category": "bug", "text": "x" }""", "app", "must be a string")]
    [InlineData("""{ "app": "a", "version": "1.0 beta", "category": "bug", "text": "x" }""", "version", "must match [A-Za-z0-9._+-]{1,64}")]
    [InlineData("""{ "app": "a", "rating": 0, "category": "bug", "text": "x" }""", "rating", "must be an integer from 1 to 5")]
    [InlineData("""{ "app": "a", "rating": 6, "category": "bug", "text": "x" }""", "rating", "must be an integer from 1 to 5")]
    [InlineData("""{ "app": "a", "rating": 2.5, "category": "bug", "text": "x" }""", "rating", "must be an integer from 1 to 5")]
    [InlineData("""{ "app": "a", "rating": "3", "category": "bug", "text": "x" }""", "rating", "must be an integer from 1 to 5")]
    [InlineData("""{ "app": "a", "text": "x" }""", "category", "is required")]
    [InlineData("""{ "app": "a", "category": "Bug", "text": "x" }""", "category", "must be one of bug, idea, praise, question")]
    [InlineData("""{ "app": "a", "category": "bug" }""", "text", "is required")]
    [InlineData("""{ "app": "a", "category": "bug", "text": "   " }""", "text", "must not be blank")]
    [InlineData("""{ "app": "a", "category": "bug", "text": "a\u0007b" }""", "text", "must not contain control characters other than \\n and \\t")]
    [InlineData("""{ "app": "a", "category": "bug", "text": "x", "userRef": "" }""", "userRef", "must not be blank")]
    [InlineData("""{ "app": "a", "category": "bug", "text": "x", "page": "reports" }""", "page", "must be a relative path starting with '/'")]
    [InlineData("""{ "app": "a", "category": "bug", "text": "x", "page": "//evil.example/x" }""", "page", "must be a relative path starting with '/'")]
    [InlineData("""{ "app": "a", "category": "bug", "text": "x", "page": "/a b" }""", "page", "must not contain whitespace or control characters")]
    public void Parse_BadField_NamesTheField(string json, string field, string message)
    {
        var result = Parse(json);
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal([message], result.Errors[field]);
    }

    [Fact]
    public void Parse_TextOverLimit_IsRejected_AtLimit_Accepted()
    {
        var ok = Parse(JsonSerializer.Serialize(new { app = "a", category = "bug", text = new string('x', 4000) }));
        var tooLong = Parse(JsonSerializer.Serialize(new { app = "a", category = "bug", text = new string('x', 4001) }));
        Assert.True(ok.IsValid);
        Assert.Equal(["must be at most 4000 characters"], tooLong.Errors["text"]);
    }

    [Fact]
    public void Parse_Batch_ReturnsAllItems()
    {
        var items = string.Join(",", Enumerable.Repeat(Valid, 500));
        var result = Parse($$"""{ "items": [{{items}}] }""");
        Assert.Equal(500, result.Value!.Count);
    }

    [Fact]
    public void Parse_BatchWithOneBadItem_RejectsBatchNamingIndex()
    {
        var result = Parse($$"""{ "items": [{{Valid}}, {{Valid}}, {{Valid}}, { "app": "a", "category": "bug", "text": "" }] }""");
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal(["items[3].text"], result.Errors.Keys);
    }

    [Theory]
    [InlineData("""{ "items": [] }""", "items", "must hold 1 to 500 items")]
    [InlineData("""{ "items": {} }""", "items", "must be an array")]
    [InlineData("""{ "items": [42] }""", "items[0]", "must be a JSON object")]
    [InlineData("""[1]""", "body", "must be a JSON object")]
    public void Parse_BadBatchShape_NamesTheField(string json, string field, string message)
    {
        Assert.Equal([message], Parse(json).Errors[field]);
    }

    [Fact]
    public void Parse_BatchOver500_IsRejected()
    {
        var items = string.Join(",", Enumerable.Repeat(Valid, 501));
        Assert.Equal(["must hold 1 to 500 items"], Parse($$"""{ "items": [{{items}}] }""").Errors["items"]);
    }
}
