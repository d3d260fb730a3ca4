using AutoMapper;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Catalog.Tests;

[Collection(AppCollection.Name)]
public sealed class MappingTestsOnSqlite(CatalogApp app) : MappingTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class MappingTestsOnPostgres(CatalogAppOnPostgres app) : MappingTests(app);

public abstract class MappingTests(CatalogApp app)
{
    [Fact]
    public void Every_AutoMapper_profile_is_valid()
    {
        var mapper = app.Services.GetRequiredService<IMapper>();
        mapper.ConfigurationProvider.AssertConfigurationIsValid();
    }
}

/// <summary>An existing database keeps its rows when the service starts again and migrates.</summary>
public sealed class UpgradeKeepsDataTests
{
    [Fact]
    public async Task Restarting_on_an_existing_database_keeps_shops_products_and_accounts()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "marketplace-tests", Guid.NewGuid().ToString("N"));
        string slug;
        Guid productId;
        string email;
        using (var first = new PinnedApp(dataDirectory))
        {
            var merchant = await first.SignUpAsync("merchant");
            email = merchant.Email!;
            var shop = await merchant.CreateShopAsync();
            slug = shop.Str("slug");
            productId = (await merchant.CreatePublishedProductAsync(shop.Id())).Id();
        }

        using var second = new PinnedApp(dataDirectory);
        var again = await second.SignInAsync(email, "Rahasia-123-Pasar");
        await (await again.GetAsync($"/api/v1/shops/by-slug/{slug}")).ShouldHaveStatusAsync(200);
        await (await second.Anonymous().GetAsync($"/api/v1/products/{productId}")).ShouldHaveStatusAsync(200);
    }

    private sealed class PinnedApp(string dataDirectory) : MarketplaceApp(dataDirectory);
}
