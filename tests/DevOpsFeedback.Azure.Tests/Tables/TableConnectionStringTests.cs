namespace DevOpsFeedback.Azure.Tables;

public sealed class TableConnectionStringTests
{
    private const string Key = "AAECAwQFBgcICQ==";

    [Theory]
    [InlineData("UseDevelopmentStorage=true", "http://127.0.0.1:10002/devstoreaccount1", "devstoreaccount1")]
    [InlineData("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite", "http://azurite:10002/devstoreaccount1", "devstoreaccount1")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=" + Key + ";EndpointSuffix=core.windows.net", "https://prod.table.core.windows.net", "prod")]
    [InlineData("AccountName=prod;AccountKey=" + Key, "https://prod.table.core.windows.net", "prod")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key + ";TableEndpoint=http://127.0.0.1:5555/devstoreaccount1/;", "http://127.0.0.1:5555/devstoreaccount1", "devstoreaccount1")]
    [InlineData(" AccountName = a1 ; AccountKey = " + Key + " ; EndpointSuffix = core.chinacloudapi.cn ", "https://a1.table.core.chinacloudapi.cn", "a1")]
    public void Parse_ValidString_GivesEndpointAndAccount(string text, string uri, string account)
    {
        var cs = TableConnectionString.Parse(text);

        Assert.Equal(new Uri(uri), cs.ServiceUri);
        Assert.Equal(account, cs.AccountName);
        Assert.NotEmpty(cs.AccountKey);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("AccountKey=" + Key, "AccountName")]
    [InlineData("AccountName=a", "AccountKey")]
    [InlineData("AccountName=a;AccountKey=not base64!", "AccountKey")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";TableEndpoint=not a uri", "TableEndpoint")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";TableEndpoint=ftp://x", "TableEndpoint")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";DefaultEndpointsProtocol=gopher", "DefaultEndpointsProtocol")]
    [InlineData("UseDevelopmentStorage=yes", "UseDevelopmentStorage")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=" + Key, "AccountName")]
    [InlineData("garbage", "Name=Value")]
    public void Parse_BadString_ThrowsNamingTheField(string text, string field)
    {
        var e = Assert.Throws<FormatException>(() => TableConnectionString.Parse(text));

        Assert.Contains(field, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.Message, StringComparison.Ordinal);
    }
}
