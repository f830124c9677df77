using Azure.Core;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>The Table storage implementations of the store ports, sharing one client (one pipeline).</summary>
public sealed record TableStores(TableStorageClient Client, TableReleaseStore Releases, TableDocumentStore Documents)
{
    /// <summary>
    /// Validates <paramref name="options"/> and builds the stores: Shared Key Lite from
    /// <see cref="TableStorageOptions.ConnectionString"/>, or bearer tokens from <paramref name="credential"/>
    /// (managed identity) for <see cref="TableStorageOptions.ServiceUri"/>. Tables are created on first use.
    /// </summary>
    public static TableStores Create(TableStorageOptions options, TokenCredential? credential = null, TimeProvider? timeProvider = null)
    {
        var client = new TableStorageClient(options, credential, timeProvider);
        return new TableStores(client, new TableReleaseStore(client, options), new TableDocumentStore(client, options));
    }
}
