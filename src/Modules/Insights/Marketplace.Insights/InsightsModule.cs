using FluentValidation;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Insights.Backfill;
using Marketplace.Insights.Feeding;
using Marketplace.Insights.Persistence;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Marketplace.Insights;

/// <summary>
/// Creative-economy insights for city and provincial governments: aggregates per city/regency, sub-sector and month,
/// kept from the other modules' events (outbox → handlers, idempotent through the inbox). The one entry point the host calls.
/// </summary>
public static class InsightsModule
{
    public static System.Reflection.Assembly Assembly => typeof(InsightsModule).Assembly;

    public static IServiceCollection AddInsightsModule(this IServiceCollection services)
    {
        services.AddModuleDbContext<InsightsDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, InsightsDbContext.Module)
            .UseOutboxSignal<InsightsDbContext>(sp));
        // The module publishes nothing; the outbox set-up gives it the inbox its consumers record into.
        services.AddOutbox<InsightsDbContext>(typeof(InsightsModule).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<InsightsDbContext>(InsightsDbContext.Module));
        services.AddScoped<CellWriter>();
        services.AddScoped<ShopDirectory>();
        services.AddScoped<OrderHandlers>();
        services.AddScoped<CatalogHandlers>();
        services.AddScoped<ExhibitionHandlers>();
        services.AddScoped<IIntegrationEventHandler<OrderPaid>>(sp => sp.GetRequiredService<OrderHandlers>());
        services.AddScoped<IIntegrationEventHandler<OrderCancelled>>(sp => sp.GetRequiredService<OrderHandlers>());
        services.AddScoped<IIntegrationEventHandler<ShopChanged>>(sp => sp.GetRequiredService<CatalogHandlers>());
        services.AddScoped<IIntegrationEventHandler<ProductPublished>>(sp => sp.GetRequiredService<CatalogHandlers>());
        services.AddScoped<IIntegrationEventHandler<ProductUpdated>>(sp => sp.GetRequiredService<CatalogHandlers>());
        services.AddScoped<IIntegrationEventHandler<ProductUnpublished>>(sp => sp.GetRequiredService<CatalogHandlers>());
        services.AddScoped<IIntegrationEventHandler<ProductDeleted>>(sp => sp.GetRequiredService<CatalogHandlers>());
        services.AddScoped<IIntegrationEventHandler<BoothOpened>>(sp => sp.GetRequiredService<ExhibitionHandlers>());
        services.AddScoped<IIntegrationEventHandler<LeadReceived>>(sp => sp.GetRequiredService<ExhibitionHandlers>());
        services.AddSingleton<ICommandLineVerb, BackfillVerb>();
        services.AddSingleton<ICommandLineVerb, SyntheticInsightsVerb>();
        services.AddValidatorsFromAssembly(Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapInsightsEndpoints(this IEndpointRouteBuilder api)
    {
        InsightsEndpoints.Map(api);
        return api;
    }
}
