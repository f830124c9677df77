namespace DevOpsFeedback.Azure.Tables;

public sealed class TableStorageOptionsTests
{
    [Fact]
    public void SectionName_IsTables()
    {
        Assert.Equal("Tables", TableStorageOptions.SectionName);
    }

    public static TheoryData<TableStorageOptions, string> Invalid() => new()
    {
        { new TableStorageOptions(), "ConnectionString" },
        { new TableStorageOptions { ConnectionString = "UseDevelopmentStorage=true", ServiceUri = new Uri("https://a.table.core.windows.net") }, "ConnectionString" },
        { new TableStorageOptions { ServiceUri = new Uri("ftp://a") }, "ServiceUri" },
        { new TableStorageOptions { ConnectionString = "UseDevelopmentStorage=true", TablePrefix = "1abc" }, "TablePrefix" },
        { new TableStorageOptions { ConnectionString = "UseDevelopmentStorage=true", TablePrefix = "a-b" }, "TablePrefix" },
        { new TableStorageOptions { ConnectionString = "UseDevelopmentStorage=true", MaxRetries = -1 }, "MaxRetries" },
        { new TableStorageOptions { ConnectionString = "UseDevelopmentStorage=true", RetryDelay = TimeSpan.Zero }, "RetryDelay" },
        { new TableStorageOptions { ConnectionString = "UseDevelopmentStorage=true", NetworkTimeout = TimeSpan.FromSeconds(-1) }, "NetworkTimeout" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadSetting_ThrowsNamingIt(TableStorageOptions options, string field)
    {
        var e = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(field, e.ParamName);
        Assert.Contains("Tables:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DevelopmentStorage_Passes()
    {
        new TableStorageOptions { ConnectionString = "UseDevelopmentStorage=true" }.Validate();
    }
}
