using System.Globalization;
using System.Text;
using Azure.Core;

namespace DevOpsFeedback.Azure.Tables;

public sealed partial class TableStorageClient
{
    /// <summary>Most operations one entity-group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    private const int MaxBatchBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Runs the actions as one entity-group transaction: all of one table and one PartitionKey, each entity at most once,
    /// at most <see cref="MaxTransactionActions"/>. All or nothing: a rejected operation throws
    /// <see cref="TableTransactionFailedException"/> with its index and nothing is committed. Returns the ETags in order
    /// (null for deletes).
    /// </summary>
    public async Task<IReadOnlyList<string?>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        TableNames.Require(table, nameof(table));
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxTransactionActions)
        {
            throw new ArgumentException($"a transaction holds 1-{MaxTransactionActions} actions, not {actions.Count}", nameof(actions));
        }

        var partition = actions[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity;
            RequireEntity(table, entity);
            if (!string.Equals(entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException($"actions[{i}] has PartitionKey '{entity.PartitionKey}', but a transaction is limited to one partition ('{partition}')", nameof(actions));
            }

            if (!rows.Add(entity.RowKey))
            {
                throw new ArgumentException($"actions[{i}] repeats RowKey '{entity.RowKey}'; an entity may appear once per transaction", nameof(actions));
            }
        }

        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("D");
        var body = BuildBatchBody(table, actions, batchBoundary, changesetBoundary);
        if (body.Length > MaxBatchBytes)
        {
            throw new ArgumentException($"the transaction is {body.Length} bytes; Table storage accepts at most {MaxBatchBytes}", nameof(actions));
        }

        using var message = CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(body);
        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status != 202) throw Failure(message);

        var results = ParseBatchResponse(message.Response.Content.ToString());
        var failed = results.FirstOrDefault(r => r.Status >= 300);
        if (failed is not null)
        {
            var (code, text) = ParseErrorBody(failed.Body);
            int? index = null;
            var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            if (colon > 0 && int.TryParse(text![..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) index = parsed;
            var firstLine = text?.Split('\n')[0];
            throw new TableTransactionFailedException(
                failed.Status,
                code,
                index,
                $"Table storage transaction on '{table}' ({actions.Count} actions) was rejected: {failed.Status} {code}{(index is null ? "" : $" at action {index}")}{(firstLine is null ? "" : ": " + firstLine)}");
        }

        if (results.Count != actions.Count)
        {
            throw new TableStorageException(202, null, $"Table storage transaction on '{table}' answered {results.Count} results for {actions.Count} actions");
        }

        return results.Select(r => r.ETag).ToList();
    }

    private byte[] BuildBatchBody(string table, IReadOnlyList<TableTransactionAction> actions, string batchBoundary, string changesetBoundary)
    {
        var sb = new StringBuilder();
        sb.Append("--").Append(batchBoundary).Append("\r\n");
        sb.Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        var root = ServiceUri.AbsoluteUri.TrimEnd('/');
        for (var i = 0; i < actions.Count; i++)
        {
            var (type, entity) = (actions[i].Type, actions[i].Entity);
            sb.Append("--").Append(changesetBoundary).Append("\r\n");
            sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            var (verb, url) = type switch
            {
                TableTransactionActionType.Add => ("POST", root + "/" + table),
                TableTransactionActionType.UpsertReplace or TableTransactionActionType.UpdateReplace => ("PUT", root + EntityPath(table, entity.PartitionKey, entity.RowKey)),
                TableTransactionActionType.UpsertMerge or TableTransactionActionType.UpdateMerge => ("MERGE", root + EntityPath(table, entity.PartitionKey, entity.RowKey)),
                TableTransactionActionType.Delete => ("DELETE", root + EntityPath(table, entity.PartitionKey, entity.RowKey)),
                _ => throw new ArgumentException($"actions[{i}] has unknown type {type}", nameof(actions)),
            };
            sb.Append(verb).Append(' ').Append(url).Append(" HTTP/1.1\r\n");
            sb.Append("Content-ID: ").Append(i + 1).Append("\r\n");
            sb.Append("Accept: application/json;odata=minimalmetadata\r\nDataServiceVersion: 3.0\r\n");
            if (type is TableTransactionActionType.UpdateReplace or TableTransactionActionType.UpdateMerge or TableTransactionActionType.Delete)
            {
                sb.Append("If-Match: ").Append(entity.ETag ?? "*").Append("\r\n");
            }

            if (type == TableTransactionActionType.Add) sb.Append("Prefer: return-no-content\r\n");
            if (type == TableTransactionActionType.Delete)
            {
                sb.Append("\r\n");
            }
            else
            {
                sb.Append("Content-Type: application/json\r\n\r\n");
                sb.Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity, includeKeys: true))).Append("\r\n");
            }
        }

        sb.Append("--").Append(changesetBoundary).Append("--\r\n");
        sb.Append("--").Append(batchBoundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    internal sealed record BatchResult(int Status, string? ETag, string Body);

    /// <summary>
    /// Reads the inner <c>HTTP/1.1 nnn</c> blocks of a batch response. Tolerant of Azurite's stray boundary lines:
    /// it looks for status lines rather than trusting the multipart structure.
    /// </summary>
    internal static List<BatchResult> ParseBatchResponse(string body)
    {
        var results = new List<BatchResult>();
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal)) continue;
            var parts = lines[i].Split(' ', 3);
            if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                throw new TableStorageException(202, null, $"malformed status line in a batch response: '{lines[i]}'");
            }

            string? etag = null;
            i++;
            for (; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && lines[i][..colon].Trim().Equals("ETag", StringComparison.OrdinalIgnoreCase))
                {
                    etag = lines[i][(colon + 1)..].Trim();
                }
            }

            var content = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal) && !lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal); i++)
            {
                content.Append(lines[i]).Append('\n');
            }

            i--;
            results.Add(new BatchResult(status, etag, content.ToString().Trim()));
        }

        return results;
    }
}
