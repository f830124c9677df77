namespace DevOpsFeedback.Azure.Tables;

public sealed class TableSharedKeyLitePolicyTests
{
    private readonly TableSharedKeyLitePolicy _policy = new("devstoreaccount1", new byte[32], TimeProvider.System);

    [Theory]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/orders(PartitionKey='p1',RowKey='r1')", "/devstoreaccount1/devstoreaccount1/orders(PartitionKey='p1',RowKey='r1')")]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/orders()?$filter=a%20eq%201&NextPartitionKey=x", "/devstoreaccount1/devstoreaccount1/orders()")]
    [InlineData("https://devstoreaccount1.table.core.windows.net/?restype=service&comp=properties", "/devstoreaccount1/?comp=properties")]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/t(PartitionKey='it%27%27s',RowKey='%E2%9C%93')", "/devstoreaccount1/devstoreaccount1/t(PartitionKey='it%27%27s',RowKey='%E2%9C%93')")]
    public void CanonicalizedResource_Uri_IsAccountPlusPathAsSentAndOnlyComp(string uri, string expected)
    {
        Assert.Equal(expected, _policy.CanonicalizedResource(new Uri(uri)));
    }

    [Fact]
    public void Sign_DifferentKeys_DifferentSignatures()
    {
        var other = new TableSharedKeyLitePolicy("devstoreaccount1", [1, 2, 3], TimeProvider.System);

        Assert.NotEqual(_policy.Sign("Sun, 22 Nov 2026 02:34:16 GMT\n/a/b"), other.Sign("Sun, 22 Nov 2026 02:34:16 GMT\n/a/b"));
        Assert.Equal(44, _policy.Sign("x").Length);
    }
}
