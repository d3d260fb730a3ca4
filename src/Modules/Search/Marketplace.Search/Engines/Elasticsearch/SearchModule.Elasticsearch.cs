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
    /// <summary>The engine and its transport (also used by the adapter tests, against a local double).</summary>
    public static IServiceCollection AddElasticsearchEngine(this IServiceCollection services)
    {
        // Checked at start-up with the rest of SearchOptions (ValidateOnStart in AddSearchModule).
        services.AddSingleton<IValidateOptions<SearchOptions>, ElasticsearchSettings>();
        services.AddHttpClient(ElasticsearchClient.HttpClientName, (sp, http) =>
                ElasticsearchClient.Configure(http, sp.GetRequiredService<IOptions<SearchOptions>>().Value.Elasticsearch))
            .ConfigurePrimaryHttpMessageHandler(sp => CertificatePinning.Handler(sp.GetRequiredService<IOptions<SearchOptions>>().Value.Elasticsearch));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => Analysis.SynonymList.Default);
        services.AddSingleton<ElasticsearchClient>();
        services.AddSingleton<ElasticsearchEngine>();
        return services;
    }
}
