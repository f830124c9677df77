using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Http;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>The client against a scripted loopback server: throttling, transient faults, malformed and XML answers.</summary>
public sealed class TableStorageClientResilienceTests
{
    private static TableStorageClient Client(LoopbackStub stub, int maxRetries = 3) => new(new TableStorageOptions
    {
        ConnectionString = stub.ConnectionString,
        MaxRetries = maxRetries,
        RetryDelay = TimeSpan.FromMilliseconds(10),
    });

    private static async Task Json(HttpContext ctx, int status, string body, string? etag = null)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json;odata=minimalmetadata";
        if (etag is not null) ctx.Response.Headers.ETag = etag;
        await ctx.Response.WriteAsync(body);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task GetEntityAsync_ThrottledWithRetryAfter_WaitsAtLeastThatLongThenSucceeds(int status)
    {
        await using var stub = await LoopbackStub.StartAsync(async (ctx, n) =>
        {
            if (n == 1)
            {
                ctx.Response.Headers.RetryAfter = "1";
                await Json(ctx, status, """{"odata.error":{"code":"ServerBusy","message":{"value":"busy"}}}""");
                return;
            }

            await Json(ctx, 200, """{"PartitionKey":"p","RowKey":"r","N":5}""", "W/\"1\"");
        });

        var entity = await Client(stub).GetEntityAsync("orders", "p", "r", CancellationToken.None);

        Assert.Equal(new TableInt32(5), entity!.Properties["N"]);
        var requests = stub.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        // Back-off alone would be ~10 ms; only Retry-After explains a gap of a second.
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {requests[1].At - requests[0].At}");
        Assert.All(requests, r => Assert.StartsWith("SharedKeyLite acct:", r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InsertEntityAsync_ServerBusyBeyondTheRetries_ThrowsWithStatusAndCode()
    {
        await using var stub = await LoopbackStub.StartAsync((ctx, _) =>
        {
            ctx.Response.Headers["x-ms-error-code"] = "ServerBusy";
            return Json(ctx, 503, """{"odata.error":{"code":"ServerBusy","message":{"value":"The server is busy."}}}""");
        });

        var e = await Assert.ThrowsAsync<TableStorageException>(() =>
            Client(stub, maxRetries: 2).InsertEntityAsync("orders", new TableEntity("p", "r"), CancellationToken.None));

        Assert.Equal(503, e.Status);
        Assert.Equal("ServerBusy", e.ErrorCode);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task QueryPageAsync_MalformedJson_ThrowsTableStorageException()
    {
        await using var stub = await LoopbackStub.StartAsync((ctx, _) => Json(ctx, 200, """{"value":[{"PartitionKey":"p",""" ));

        var e = await Assert.ThrowsAsync<TableStorageException>(() =>
            Client(stub).QueryPageAsync("orders", null, null, null, null, CancellationToken.None));

        Assert.Contains("malformed JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryPageAsync_BodyWithoutValueArray_ThrowsTableStorageException()
    {
        await using var stub = await LoopbackStub.StartAsync((ctx, _) => Json(ctx, 200, """{"items":[]}"""));

        await Assert.ThrowsAsync<TableStorageException>(() =>
            Client(stub).QueryPageAsync("orders", null, null, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task GetEntityAsync_XmlAuthorizationFailure_ThrowsWithTheXmlCode()
    {
        await using var stub = await LoopbackStub.StartAsync(async (ctx, _) =>
        {
            ctx.Response.StatusCode = 403;
            ctx.Response.ContentType = "application/xml";
            await ctx.Response.WriteAsync("<?xml version=\"1.0\"?><Error><Code>AuthorizationFailure</Code><Message>Server failed to authenticate the request.</Message></Error>");
        });

        var e = await Assert.ThrowsAsync<TableStorageException>(() =>
            Client(stub).GetEntityAsync("orders", "p", "r", CancellationToken.None));

        Assert.Equal(403, e.Status);
        Assert.Equal("AuthorizationFailure", e.ErrorCode);
        Assert.Contains("Server failed to authenticate", e.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task QueryAsync_EmptyPageWithContinuation_FollowsItVerbatimToTheEnd()
    {
        await using var stub = await LoopbackStub.StartAsync((ctx, n) =>
        {
            if (n == 1)
            {
                ctx.Response.Headers["x-ms-continuation-NextPartitionKey"] = "1!8!cDE-";
                ctx.Response.Headers["x-ms-continuation-NextRowKey"] = "1!4!cg--";
                return Json(ctx, 200, """{"value":[]}""");
            }

            return Json(ctx, 200, """{"value":[{"PartitionKey":"p1","RowKey":"r"}]}""");
        });

        var all = await Client(stub).QueryAsync("orders", "PartitionKey eq 'p1'", 5, null, CancellationToken.None).ToListAsync();

        Assert.Single(all);
        var second = stub.Requests.ToArray()[1].PathAndQuery;
        Assert.Contains("NextPartitionKey=1%218%21cDE-", second, StringComparison.Ordinal);
        Assert.Contains("NextRowKey=1%214%21cg--", second, StringComparison.Ordinal);
        Assert.Contains("$top=5", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerCredential_SendsATokenForTheStorageScope()
    {
        var transport = new CapturingTransport();
        var credential = new StaticTokenCredential();
        var client = new TableStorageClient(
            new TableStorageOptions { ServiceUri = new Uri("https://acct.table.core.windows.net/") },
            credential,
            TimeProvider.System,
            transport);

        Assert.True(await client.CreateTableIfNotExistsAsync("orders", CancellationToken.None));

        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
        Assert.Equal("Bearer token-1", transport.Authorization);
        Assert.Equal("https://acct.table.core.windows.net/Tables", transport.Uri);
    }

    [Fact]
    public void Constructor_ServiceUriWithoutCredential_ThrowsNamingTheCredential()
    {
        var e = Assert.Throws<ArgumentException>(() => new TableStorageClient(new TableStorageOptions { ServiceUri = new Uri("https://acct.table.core.windows.net") }));

        Assert.Equal("credential", e.ParamName);
    }

    private sealed class StaticTokenCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token-1", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed class CapturingTransport : HttpPipelineTransport
    {
        public string? Authorization { get; private set; }

        public string? Uri { get; private set; }

        private static readonly HttpClientTransport Inner = new();

        public override Request CreateRequest() => Inner.CreateRequest();

        public override void Process(HttpMessage message) => throw new NotSupportedException("async only");

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            message.Request.Headers.TryGetValue("Authorization", out var auth);
            Authorization = auth;
            Uri = message.Request.Uri.ToString();
            message.Response = new CannedResponse(204);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class CannedResponse(int status) : global::Azure.Response
    {
        public override int Status => status;

        public override string ReasonPhrase => "No Content";

        public override Stream? ContentStream { get; set; } = new MemoryStream(Encoding.UTF8.GetBytes(""));

        public override string ClientRequestId { get; set; } = "";

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, out string value)
        {
            value = "";
            return false;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            values = [];
            return false;
        }
    }
}
