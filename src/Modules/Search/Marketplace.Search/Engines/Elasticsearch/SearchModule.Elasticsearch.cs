using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Elasticsearch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.Search;

public static partial class SearchModule
{
    static partial void AddElasticsearchEngine(IServiceCollection services, ref bool registered)
    {
        services.AddElasticsearchEngine();
        services.AddSingleton<ISearchEngine>(sp => sp.GetRequiredService<ElasticsearchEngine>());
        registered = true;
    }
}

internal static class ElasticsearchRegistration
{
    /// <summary>The engine, its parts and the official client (also used by the adapter tests, against a local double).</summary>
    public static IServiceCollection AddElasticsearchEngine(this IServiceCollection services)
    {
        // Checked at start-up with the rest of SearchOptions (ValidateOnStart in AddSearchModule).
        services.AddSingleton<IValidateOptions<SearchOptions>, ElasticsearchSettings>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => Analysis.SynonymList.Default);
        services.AddSingleton<ElasticsearchTransport>();
        services.AddSingleton<ElasticsearchIndex>();
        services.AddSingleton<ElasticsearchWrites>();
        services.AddSingleton<ElasticsearchQueries>();
        services.AddSingleton<ElasticsearchRebuilds>();
        services.AddSingleton<ElasticsearchEngine>();
        return services;
    }
}
