namespace DevOpsFeedback.Azure.Tables;

public sealed class TableStorageClientBatchTests
{
    [Fact]
    public void ParseBatchResponse_Success_ReadsEveryStatusAndETag()
    {
        var body = string.Join("\r\n",
            "--batchresponse_1",
            "Content-Type: multipart/mixed; boundary=changesetresponse_2",
            "",
            "--changesetresponse_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 204 No Content",
            "Content-ID: 1",
            "ETag: W/\"datetime'2026-11-22T02%3A34%3A16.1Z'\"",
            "",
            "",
            "--changesetresponse_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 204 No Content",
            "Content-ID: 2",
            "",
            "",
            "--changesetresponse_2--",
            "--batchresponse_1--");

        var results = TableStorageClient.ParseBatchResponse(body);

        Assert.Equal([204, 204], results.Select(r => r.Status));
        Assert.Equal("W/\"datetime'2026-11-22T02%3A34%3A16.1Z'\"", results[0].ETag);
        Assert.Null(results[1].ETag);
    }

    [Fact]
    public void ParseBatchResponse_AzuritesStrayBoundaryLine_StillFindsTheError()
    {
        var body = string.Join("\r\n",
            "--batchresponse_1",
            "Content-Type: multipart/mixed; boundary=changesetresponse_2",
            "",
            "changesetresponse_2",
            "Content-Type: application/http",
            "",
            "HTTP/1.1 400 Bad Request",
            "Content-Type: application/json;odata=minimalmetadata;charset=utf-8",
            "",
            "{\"odata.error\":{\"code\":\"InvalidInput\",\"message\":{\"lang\":\"en-US\",\"value\":\"0:The batch request operation exceeds the maximum 100 changes per change set.\\nRequestId:x\"}}}",
            "--changesetresponse_2--",
            "--batchresponse_1--");

        var result = Assert.Single(TableStorageClient.ParseBatchResponse(body));

        Assert.Equal(400, result.Status);
        Assert.Equal(("InvalidInput", "0:The batch request operation exceeds the maximum 100 changes per change set.\nRequestId:x"), TableStorageClient.ParseErrorBody(result.Body));
    }

    [Fact]
    public void ParseBatchResponse_MalformedStatusLine_Throws()
    {
        Assert.Throws<TableStorageException>(() => TableStorageClient.ParseBatchResponse("HTTP/1.1 abc Oops\r\n\r\n"));
    }
}
