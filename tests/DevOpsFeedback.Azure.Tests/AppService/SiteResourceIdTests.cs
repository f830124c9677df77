namespace DevOpsFeedback.Azure.AppService;

public sealed class SiteResourceIdTests
{
    [Theory]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-releases/providers/Microsoft.Web/sites/shop-web", "rg-releases", "shop-web")]
    [InlineData("/SUBSCRIPTIONS/00000000-1111-2222-3333-444444444444/RESOURCEGROUPS/Rg_(1).x/PROVIDERS/microsoft.web/SITES/Ab", "Rg_(1).x", "Ab")]
    public void Parse_WellFormedId_ReturnsParts(string id, string group, string site)
    {
        var parsed = SiteResourceId.Parse(id, "field");

        Assert.Equal((group, site), (parsed.ResourceGroup, parsed.SiteName));
        Assert.Equal(Guid.Parse("00000000-1111-2222-3333-444444444444"), parsed.SubscriptionId);
        Assert.StartsWith("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/", parsed.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("shop-web")]
    [InlineData("/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Web/sites/shop")]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Web/sites/shop/slots/staging")]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Web/sites/shop?api-version=1")]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Web/sites/../../x")]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/r g/providers/Microsoft.Web/sites/shop")]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg./providers/Microsoft.Web/sites/shop")]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Web/sites/shop-")]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/shop")]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Web/sites/shop\n")]
    public void Parse_MalformedId_ThrowsNamingTheField(string? id)
    {
        var error = Assert.Throws<ArgumentException>(() => SiteResourceId.Parse(id, "AppService:Apps:shop"));

        Assert.Equal("AppService:Apps:shop", error.ParamName);
    }

    [Theory]
    [InlineData("staging", true)]
    [InlineData("Blue-2", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a/b", false)]
    [InlineData("-x", false)]
    [InlineData("stag ing", false)]
    public void IsValidSlotName_Table_Classifies(string? slot, bool valid) => Assert.Equal(valid, SiteResourceId.IsValidSlotName(slot));
}
