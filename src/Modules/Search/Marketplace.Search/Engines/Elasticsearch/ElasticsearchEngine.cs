namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// <see cref="ISearchEngine"/> on Elasticsearch 9 through the official client (<c>Elastic.Clients.Elasticsearch</c>).
/// The port only: the index's life is <see cref="ElasticsearchIndex"/>, writes <see cref="ElasticsearchWrites"/>,
/// searches <see cref="ElasticsearchQueries"/>, rebuilds <see cref="ElasticsearchRebuilds"/>.
/// <para>
/// Failures: unreachable, timeout, 429, 5xx, shard failures and a missing index throw
/// <see cref="SearchEngineUnavailableException"/> (503 at the API; the outbox retries the event later). A refused
/// request (4xx) is a bug in this adapter and throws <see cref="ElasticsearchRequestException"/>.
/// </para>
/// </summary>
internal sealed class ElasticsearchEngine(ElasticsearchIndex index, ElasticsearchWrites writes, ElasticsearchQueries queries, ElasticsearchRebuilds rebuilds)
    : ISearchEngine
{
    public string Name => "elasticsearch";

    /// <summary>The alias every search and live write goes through.</summary>
    public string Alias => index.Alias;

    public Task EnsureIndexAsync(CancellationToken ct) => index.GuardAsync(() => index.EnsureAsync(ct));

    public Task<bool> NeedsRebuildAsync(CancellationToken ct) => Task.FromResult(index.TakeNeedsRebuild());

    public Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct) =>
        documents.Count == 0 ? Task.CompletedTask : writes.WriteLiveAsync(documents, [], ct);

    public Task<IReadOnlyCollection<Guid>> UpdateStockAsync(IReadOnlyCollection<StockChange> changes, CancellationToken ct) =>
        changes.Count == 0 ? Task.FromResult<IReadOnlyCollection<Guid>>([]) : writes.UpdateStockAsync(changes, ct);

    public Task DeleteAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct) =>
        productIds.Count == 0 ? Task.CompletedTask : writes.WriteLiveAsync([], productIds, ct);

    public Task RefreshAsync(CancellationToken ct) =>
        index.GuardAsync(async () =>
        {
            await index.EnsureReadyAsync(ct);
            await index.RefreshAsync(index.Alias, ct);
        });

    public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct) => queries.SearchAsync(query, ct);

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken ct) => queries.SuggestAsync(query, ct);

    public Task<SearchEngineHealth> CheckHealthAsync(CancellationToken ct) => index.CheckHealthAsync(ct);

    public Task<IIndexRebuild> BeginRebuildAsync(CancellationToken ct) => rebuilds.BeginAsync(ct);
}
