using DevOpsFeedback.Ports;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Azure.Storage;

public sealed class InMemoryStoreContractTests : StoreContractTests
{
    protected override IReleaseStore Releases { get; } = new InMemoryReleaseStore();

    protected override IDocumentStore Documents { get; } = new InMemoryDocumentStore();
}
