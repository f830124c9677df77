namespace DevOpsFeedback.Azure.Storage;

/// <summary>The xunit collection whose tests share one Azurite process.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
