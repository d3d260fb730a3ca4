using Marketplace.Catalog.Contracts;

namespace Marketplace.Catalog.Tests;

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<CatalogApp>
{
    public const string Name = "catalog-app";
}

/// <summary>
/// The same tests on PostgreSQL. A test class is written once, abstract, against <see cref="CatalogApp"/>; two
/// one-line sealed classes put it in each collection (see ProductTests).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresAppCollection : ICollectionFixture<CatalogAppOnPostgres>
{
    public const string Name = "catalog-app-postgres";
}

public sealed class CatalogAppOnPostgres : CatalogApp
{
    public CatalogAppOnPostgres() => Provider = StoreProvider.Postgres;
}

/// <summary>The app, plus a recorder of the integration events the Catalog publishes through its outbox.</summary>
public class CatalogApp : MarketplaceApp
{
    public EventRecorder Events { get; } = new();

    protected override void ConfigureTestServices(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureServices(services => Events.Register(services,
            typeof(ProductPublished), typeof(ProductUpdated), typeof(ProductUnpublished), typeof(ProductDeleted), typeof(ProductStockChanged), typeof(ShopChanged)));
}
