using System.Runtime.CompilerServices;
using Azure;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>
/// A small Table storage REST client on one Azure.Core <see cref="HttpPipeline"/> (retries with back-off and
/// Retry-After, Shared Key Lite or bearer-token auth per attempt). Keys are validated, never altered:
/// encode user input with <see cref="TableKey.Encode"/>. Failures throw <see cref="TableStorageException"/>.
/// </summary>
public sealed partial class TableStorageClient
{
    public const string ApiVersion = "2019-02-02";
    public const string TokenScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;

    /// <summary>Creates the client from validated options; <paramref name="credential"/> is required with <see cref="TableStorageOptions.ServiceUri"/>.</summary>
    public TableStorageClient(TableStorageOptions options, TokenCredential? credential = null, TimeProvider? timeProvider = null)
        : this(options, credential, timeProvider ?? TimeProvider.System, transport: null)
    {
    }

    internal TableStorageClient(TableStorageOptions options, TokenCredential? credential, TimeProvider timeProvider, HttpPipelineTransport? transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(Math.Max(30, options.RetryDelay.TotalSeconds));
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        if (transport is not null) clientOptions.Transport = transport;

        HttpPipelinePolicy auth;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var cs = TableConnectionString.Parse(options.ConnectionString);
            ServiceUri = cs.ServiceUri;
            AccountName = cs.AccountName;
            auth = new TableSharedKeyLitePolicy(cs.AccountName, cs.AccountKey, timeProvider);
        }
        else
        {
            if (credential is null)
            {
                throw new ArgumentException($"{TableStorageOptions.SectionName}:{nameof(TableStorageOptions.ServiceUri)} needs a token credential (managed identity)", nameof(credential));
            }

            ServiceUri = new Uri(options.ServiceUri!.GetLeftPart(UriPartial.Path).TrimEnd('/'));
            AccountName = ServiceUri.Host.Split('.')[0];
            auth = new BearerTokenAuthenticationPolicy(credential, TokenScope);
        }

        _pipeline = HttpPipelineBuilder.Build(clientOptions, [], [auth], new ResponseClassifier());
    }

    /// <summary>The table service root every request goes to.</summary>
    public Uri ServiceUri { get; }

    public string AccountName { get; }

    /// <summary>Creates the table; returns false when it exists already.</summary>
    public async Task<bool> CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken)
    {
        TableNames.Require(table, nameof(table));
        using var message = CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonBody(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = table }));
        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status is 201 or 204) return true;
        if (message.Response.Status == 409 && ErrorCodeOf(message.Response) == "TableAlreadyExists") return false;
        throw Failure(message);
    }

    /// <summary>Deletes the table; returns false when it does not exist.</summary>
    public async Task<bool> DeleteTableAsync(string table, CancellationToken cancellationToken)
    {
        TableNames.Require(table, nameof(table));
        using var message = CreateMessage(RequestMethod.Delete, $"/Tables('{table}')");
        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status == 204) return true;
        if (message.Response.Status == 404) return false;
        throw Failure(message);
    }

    /// <summary>Inserts the entity; throws with <c>EntityAlreadyExists</c> (409) when it exists. Returns the new ETag.</summary>
    public async Task<string> InsertEntityAsync(string table, TableEntity entity, CancellationToken cancellationToken)
    {
        RequireEntity(table, entity);
        using var message = CreateMessage(RequestMethod.Post, "/" + table);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonBody(message, TableEntityJson.Serialize(entity, includeKeys: true));
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response.Status is 201 or 204 ? RequireETag(message) : throw Failure(message);
    }

    /// <summary>Insert-or-replace / insert-or-merge (no If-Match). Returns the new ETag.</summary>
    public Task<string> UpsertEntityAsync(string table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken) =>
        WriteEntityAsync(table, entity, mode, ifMatch: null, cancellationToken);

    /// <summary>
    /// Replace or merge when the stored ETag matches <paramref name="ifMatch"/> (or <c>*</c>: when it exists).
    /// Throws with 412 <c>UpdateConditionNotSatisfied</c> or 404 <c>ResourceNotFound</c>. Returns the new ETag.
    /// </summary>
    public Task<string> UpdateEntityAsync(string table, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return WriteEntityAsync(table, entity, mode, ifMatch, cancellationToken);
    }

    /// <summary>Deletes when the ETag matches (or <c>*</c>); false when absent; throws with 412 on a mismatch.</summary>
    public async Task<bool> DeleteEntityAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken)
    {
        RequireKeys(table, partitionKey, rowKey);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(table, partitionKey, rowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status == 204) return true;
        if (message.Response.Status == 404 && ErrorCodeOf(message.Response) == "ResourceNotFound") return false;
        throw Failure(message);
    }

    /// <summary>The entity, or null when it does not exist.</summary>
    public async Task<TableEntity?> GetEntityAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        RequireKeys(table, partitionKey, rowKey);
        using var message = CreateMessage(RequestMethod.Get, EntityPath(table, partitionKey, rowKey));
        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status == 404 && ErrorCodeOf(message.Response) == "ResourceNotFound") return null;
        if (message.Response.Status != 200) throw Failure(message);
        using var doc = ParseBody(message);
        message.Response.Headers.TryGetValue("ETag", out var etag);
        return TableEntityJson.Parse(doc.RootElement, etag);
    }

    /// <summary>
    /// One page of a query. <paramref name="filter"/> must come from <see cref="TableFilter"/>; <paramref name="top"/>
    /// caps the page (1-1000); <paramref name="select"/> must include PartitionKey and RowKey when given.
    /// </summary>
    public async Task<TablePage> QueryPageAsync(string table, string? filter, int? top, IReadOnlyList<string>? select, TableContinuation? continuation, CancellationToken cancellationToken)
    {
        TableNames.Require(table, nameof(table));
        if (top is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(top), top, "top must be 1-1000");
        using var message = CreateMessage(RequestMethod.Get, "/" + table + "()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter)) uri.AppendQuery("$filter", filter, escapeValue: true);
        if (top is { } t) uri.AppendQuery("$top", t.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        if (select is { Count: > 0 }) uri.AppendQuery("$select", string.Join(",", select), escapeValue: true);
        if (continuation is not null)
        {
            uri.AppendQuery("NextPartitionKey", continuation.NextPartitionKey, escapeValue: true);
            if (continuation.NextRowKey is not null) uri.AppendQuery("NextRowKey", continuation.NextRowKey, escapeValue: true);
        }

        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status != 200) throw Failure(message);
        using var doc = ParseBody(message);
        if (!doc.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new TableStorageException(message.Response.Status, null, $"query of table '{table}' answered without a 'value' array");
        }

        var entities = value.EnumerateArray().Select(e => TableEntityJson.Parse(e, etagHeader: null)).ToList();
        TableContinuation? next = null;
        if (message.Response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var npk) && !string.IsNullOrEmpty(npk))
        {
            message.Response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nrk);
            next = new TableContinuation(npk, string.IsNullOrEmpty(nrk) ? null : nrk);
        }

        return new TablePage(entities, next);
    }

    /// <summary>Every entity matching <paramref name="filter"/>, following continuations to the end.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(string table, string? filter, int? pageSize, IReadOnlyList<string>? select, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TableContinuation? continuation = null;
        do
        {
            var page = await QueryPageAsync(table, filter, pageSize, select, continuation, cancellationToken);
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    private async Task<string> WriteEntityAsync(string table, TableEntity entity, TableUpdateMode mode, string? ifMatch, CancellationToken cancellationToken)
    {
        RequireEntity(table, entity);
        var method = mode == TableUpdateMode.Replace ? RequestMethod.Put : RequestMethod.Patch;
        using var message = CreateMessage(method, EntityPath(table, entity.PartitionKey, entity.RowKey));
        if (ifMatch is not null) message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        SetJsonBody(message, TableEntityJson.Serialize(entity, includeKeys: true));
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response.Status == 204 ? RequireETag(message) : throw Failure(message);
    }

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(ServiceUri);
        request.Uri.AppendPath(path, escape: false);
        request.Headers.SetValue("x-ms-version", ApiVersion);
        request.Headers.SetValue(HttpHeader.Names.Accept, "application/json;odata=minimalmetadata");
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private static void SetJsonBody(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        message.Request.Content = RequestContent.Create(body);
    }

    /// <summary>The entity's URL path: keys single-quoted, quotes doubled, then percent-encoded.</summary>
    internal static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"/{table}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static void RequireKeys(string table, string partitionKey, string rowKey)
    {
        TableNames.Require(table, nameof(table));
        TableKey.RequireValid(partitionKey, "PartitionKey");
        TableKey.RequireValid(rowKey, "RowKey");
    }

    private static void RequireEntity(string table, TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        RequireKeys(table, entity.PartitionKey, entity.RowKey);
    }

    private static string RequireETag(HttpMessage message) =>
        message.Response.Headers.TryGetValue("ETag", out var etag) && !string.IsNullOrEmpty(etag)
            ? etag
            : throw new TableStorageException(message.Response.Status, null, $"{message.Request.Method} {message.Request.Uri.Path} succeeded without an ETag");

    private static JsonDocument ParseBody(HttpMessage message)
    {
        try
        {
            return JsonDocument.Parse(message.Response.Content.ToMemory());
        }
        catch (JsonException e)
        {
            throw new TableStorageException(message.Response.Status, null, $"{message.Request.Method} {message.Request.Uri.Path} answered malformed JSON: {e.Message}", e);
        }
    }

    internal static string? ErrorCodeOf(Response response)
    {
        if (response.Headers.TryGetValue("x-ms-error-code", out var header) && !string.IsNullOrEmpty(header)) return header;
        return ParseErrorBody(response.Content.ToString()).Code;
    }

    /// <summary>Code and message from an <c>odata.error</c> JSON body or an XML <c>&lt;Error&gt;</c> body.</summary>
    internal static (string? Code, string? Message) ParseErrorBody(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed);
                if (doc.RootElement.TryGetProperty("odata.error", out var error))
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var msg = error.TryGetProperty("message", out var m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                        : null;
                    return (code, msg);
                }
            }
            catch (JsonException)
            {
                return (null, Truncate(trimmed));
            }
        }
        else if (trimmed.StartsWith('<'))
        {
            return (Between(trimmed, "<Code>", "</Code>"), Between(trimmed, "<Message>", "</Message>"));
        }

        return (null, trimmed.Length == 0 ? null : Truncate(trimmed));
    }

    private static string? Between(string text, string open, string close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal);
        if (start < 0) return null;
        start += open.Length;
        var end = text.IndexOf(close, start, StringComparison.Ordinal);
        return end < 0 ? null : text[start..end];
    }

    private static string Truncate(string s) => s.Length > 300 ? s[..300] + "..." : s;

    private static TableStorageException Failure(HttpMessage message)
    {
        var response = message.Response;
        var (bodyCode, bodyMessage) = ParseErrorBody(response.Content.ToString());
        var code = response.Headers.TryGetValue("x-ms-error-code", out var h) && !string.IsNullOrEmpty(h) ? h : bodyCode;
        var firstLine = bodyMessage?.Split('\n')[0];
        return new TableStorageException(
            response.Status,
            code,
            $"Table storage {message.Request.Method} {message.Request.Uri.Path} failed: {response.Status} {code ?? response.ReasonPhrase}{(firstLine is null ? "" : ": " + firstLine)}");
    }

    private sealed class TableClientOptions : ClientOptions
    {
    }
}
