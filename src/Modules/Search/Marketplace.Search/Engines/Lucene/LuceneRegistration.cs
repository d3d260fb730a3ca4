using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Lucene;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Search;

public static partial class SearchModule
{
    static partial void AddLuceneEngine(IServiceCollection services, ref bool registered)
    {
        services.AddSingleton<LuceneSearchEngine>();
        services.AddSingleton<ISearchEngine>(sp => sp.GetRequiredService<LuceneSearchEngine>());
        registered = true;
    }
}
