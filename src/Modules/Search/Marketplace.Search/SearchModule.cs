using Marketplace.Search.Engines;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Search;

/// <summary>
/// Product search over the Catalog (and exhibition tags): the index is fed by integration events, read by
/// <c>GET /api/v1/search/*</c>, rebuilt by the <c>reindex</c> verb. The engine behind <see cref="ISearchEngine"/> is
/// chosen by <c>Search:Engine</c>.
/// </summary>
public static partial class SearchModule
{
    public static System.Reflection.Assembly Assembly => typeof(SearchModule).Assembly;

    public static IServiceCollection AddSearchModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SearchOptions>()
            .Bind(configuration.GetSection(SearchOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.QueryTimeout > TimeSpan.Zero, "Search:QueryTimeout must be positive.")
            .Validate(o => o.Engine != SearchEngineKind.Elasticsearch || Uri.TryCreate(o.Elasticsearch.Url, UriKind.Absolute, out _),
                "Search:Engine=Elasticsearch needs Search:Elasticsearch:Url (an absolute http(s) URL).")
            .ValidateOnStart();

        var engine = configuration.GetValue(SearchOptions.Section + ":Engine", SearchEngineKind.Lucene);
        var registered = false;
        switch (engine)
        {
            case SearchEngineKind.Lucene:
                AddLuceneEngine(services, ref registered);
                break;
            case SearchEngineKind.Elasticsearch:
                AddElasticsearchEngine(services, ref registered);
                break;
        }

        if (!registered)
        {
            throw new OptionsValidationException(SearchOptions.Section, typeof(SearchOptions),
                [$"Search:Engine={engine} is not available in this build."]);
        }

        AddSearchServices(services);
        return services;
    }

    /// <summary>Registers the embedded engine (Engines/Lucene).</summary>
    static partial void AddLuceneEngine(IServiceCollection services, ref bool registered);

    /// <summary>
    /// Registers the Elasticsearch engine: implemented in Engines/Elasticsearch (a partial of this class), so that
    /// engine is added without touching this file. It registers a singleton <see cref="ISearchEngine"/> and sets
    /// <paramref name="registered"/>.
    /// </summary>
    static partial void AddElasticsearchEngine(IServiceCollection services, ref bool registered);

    /// <summary>The engine-neutral parts: indexer, event handlers, endpoints' services, health check, reindex verb.</summary>
    static partial void AddSearchServices(IServiceCollection services);

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder api)
    {
        MapEndpoints(api);
        return api;
    }

    static partial void MapEndpoints(IEndpointRouteBuilder api);
}
