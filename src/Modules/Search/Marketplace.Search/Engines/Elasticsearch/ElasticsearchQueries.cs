using Elastic.Clients.Elasticsearch;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>Searches and suggestions through the alias: <see cref="ProductQueries"/> in, <see cref="ProductResults"/> out.</summary>
internal sealed class ElasticsearchQueries(ElasticsearchIndex index, ElasticsearchTransport transport)
{
    public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct) =>
        index.GuardAsync(async () =>
        {
            await index.EnsureReadyAsync(ct);
            var request = ProductQueries.Search(index.Alias, query, index.Synonyms);
            request.RequestConfiguration = transport.Config();
            var answer = await transport.SendAsync(c => c.SearchAsync<ProductSource>(request, ct), ct);
            return ProductResults.Search(answer);
        });

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken ct) =>
        index.GuardAsync(async () =>
        {
            if (string.IsNullOrWhiteSpace(query.Prefix))
            {
                return (IReadOnlyList<Suggestion>)[];
            }

            await index.EnsureReadyAsync(ct);
            var request = ProductQueries.Suggest(index.Alias, query);
            request.RequestConfiguration = transport.Config();
            var answer = await transport.SendAsync(c => c.SearchAsync<SuggestSource>(request, ct), ct);
            return ProductResults.Suggestions(answer);
        });
}
