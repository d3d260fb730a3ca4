using FluentValidation;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Media;
using Marketplace.Media.Contracts;
using Marketplace.SharedKernel.Events;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Ratings;
using Marketplace.Catalog.Reading;
using Marketplace.Catalog.Seeding;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Stock;
using Marketplace.Catalog.Taxonomy;
using Marketplace.Engagement.Contracts;
using Marketplace.Ledger.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Catalog;

/// <summary>Storefronts, products, stock and taxonomy. The one entry point the host calls.</summary>
public static class CatalogModule
{
    public static System.Reflection.Assembly Assembly => typeof(CatalogModule).Assembly;

    public static IServiceCollection AddCatalogModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CatalogDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, CatalogDbContext.Module, sp.GetRequiredService<TimeProvider>())
            .UseOutboxSignal<CatalogDbContext>(sp));
        services.AddOutbox<CatalogDbContext>(typeof(ProductPublished).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<CatalogDbContext>(CatalogDbContext.Module));
        services.AddSingleton<IDataSeeder, CatalogSeeder>();
        services.AddSingleton<ISyntheticDataGenerator, SyntheticCatalog>();

        services.AddSingleton<CatalogCache>();
        services.AddScoped<CatalogImages>();
        services.AddScoped<IIntegrationEventHandler<MediaChanged>, MediaChangedHandler>();
        services.AddSingleton<MediaCopyBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaCopyBackfill>());
        services.AddSingleton<TaxonomySnapshot>();
        services.AddSingleton<ITaxonomy>(sp => sp.GetRequiredService<TaxonomySnapshot>());
        services.AddScoped<ICatalogReader, CatalogReader>();
        services.AddScoped<IIntegrationEventHandler<RatingChanged>, ApplyRatingChanged>();
        services.AddSharedStoreTransaction();
        services.AddScoped<IStockReservations, StockReservations>();
        services.AddHostedService<ReservationExpiryService>();
        services.AddScoped<IIntegrationEventHandler<RefundCompleted>, ReturnStockWhenRefunded>();
        services.AddValidatorsFromAssembly(Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder api)
    {
        TaxonomyEndpoints.Map(api);
        ShopEndpoints.Map(api);
        ProductEndpoints.Map(api);
        return api;
    }
}
