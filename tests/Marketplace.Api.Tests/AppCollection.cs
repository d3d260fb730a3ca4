namespace Marketplace.Api.Tests;

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<MarketplaceApp>
{
    public const string Name = "api-app";
}
