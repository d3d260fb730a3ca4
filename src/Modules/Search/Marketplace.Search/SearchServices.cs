using FluentValidation;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Media.Contracts;
using Marketplace.Search.Indexing;
using Marketplace.Search.Querying;
using Marketplace.SharedKernel.Events;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Search;

public static partial class SearchModule
{
    /// <summary>Tag of the readiness checks (<c>/health/ready</c>), as the host defines it.</summary>
    private const string ReadyTag = "ready";

    static partial void AddSearchServices(IServiceCollection services)
    {
        services.AddScoped<ExhibitionTags>(); // the directory it asks is a scoped service of the Exhibitions module
        services.AddScoped<ProductIndexer>();
        services.AddScoped<IndexRebuilder>();
        services.AddScoped<SearchEventHandlers>();
        AddHandler<ProductPublished>(services);
        AddHandler<ProductUpdated>(services);
        AddHandler<ProductUnpublished>(services);
        AddHandler<ProductDeleted>(services);
        AddHandler<ProductStockChanged>(services);
        AddHandler<ShopChanged>(services);
        AddHandler<BoothOpened>(services);
        AddHandler<BoothClosed>(services);
        AddHandler<MediaChanged>(services);

        services.AddSingleton<SearchMetrics>();
        services.AddSingleton<SearchIndexStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexStartup>());
        services.AddSingleton<ICommandLineVerb, ReindexVerb>();
        services.AddSingleton<IBackupPart, SearchIndexBackup>();
        services.AddHealthChecks().AddCheck<SearchHealthCheck>("search", tags: [ReadyTag]);
        services.AddValidatorsFromAssembly(Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
    }

    private static void AddHandler<TEvent>(IServiceCollection services)
        where TEvent : IntegrationEvent =>
        services.AddScoped(sp => (IIntegrationEventHandler<TEvent>)(object)sp.GetRequiredService<SearchEventHandlers>());

    static partial void MapEndpoints(IEndpointRouteBuilder api) => SearchEndpoints.Map(api);
}
