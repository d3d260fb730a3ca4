namespace Marketplace.Search.Engines;

/// <summary>
/// The search port: everything the Search module needs from an engine, and nothing more. Two implementations:
/// <c>Engines/Lucene</c> (embedded, the default) and <c>Engines/Elasticsearch</c> (Elasticsearch 9, through the
/// official client). The module picks one from <c>Search:Engine</c> in <see cref="SearchModule"/>.
/// <para>
/// Contract every implementation keeps (the behavioural suite in tests/Marketplace.Search.Tests checks it):
/// </para>
/// <list type="bullet">
/// <item>Only what is upserted can be found; the indexer upserts only searchable products (published, shop active),
/// and deletes the others, so the engine needs no notion of status.</item>
/// <item>Writes are idempotent: upserting the same document twice, or deleting an absent id, is not an error.</item>
/// <item>A write is visible to <see cref="SearchAsync"/> within 2 s on its own (near-real-time refresh), and at once
/// after <see cref="RefreshAsync"/>.</item>
/// <item>User text never throws: query syntax characters are escaped or dropped by the engine.</item>
/// <item>When the engine cannot be reached, or does not answer within the configured timeout, methods throw
/// <see cref="SearchEngineUnavailableException"/> (the endpoint answers 503, the outbox retries the event).</item>
/// </list>
/// </summary>
internal interface ISearchEngine
{
    /// <summary>Short name for logs and the health check ("lucene", "elasticsearch").</summary>
    string Name { get; }

    /// <summary>Creates the index (mapping, analysers) if it does not exist yet. Called once at start-up; idempotent.</summary>
    Task EnsureIndexAsync(CancellationToken ct);

    /// <summary>
    /// True when the index cannot be trusted to hold every product: it was just created empty, or (Lucene) the
    /// process stopped with writes not yet committed. The service then rebuilds it from the store in the background
    /// at start-up (searches keep using the live index meanwhile). Call after <see cref="EnsureIndexAsync"/>.
    /// Engines that acknowledge writes durably and create their index only through a rebuild may keep the default.
    /// </summary>
    Task<bool> NeedsRebuildAsync(CancellationToken ct) => Task.FromResult(false);

    /// <summary>Adds or replaces documents by <see cref="SearchDocument.ProductId"/>, in one batch.</summary>
    Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct);

    /// <summary>
    /// Sets the stock of documents already in the index and leaves every other field as it is: the cheap path for the
    /// stock changes every checkout makes (no re-read of product, shop, cover and exhibitions). A change not newer than
    /// the document (<see cref="StockChange.Version"/> at or below the indexed version) is ignored, so a late or
    /// redelivered event never brings an older stock back. Returns the ids that have no document; the caller indexes
    /// those in full (a product not indexed yet, or one that must not be found).
    /// </summary>
    Task<IReadOnlyCollection<Guid>> UpdateStockAsync(IReadOnlyCollection<StockChange> changes, CancellationToken ct);

    /// <summary>Removes documents by product id; unknown ids are ignored.</summary>
    Task DeleteAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct);

    /// <summary>Makes every completed write visible to searches now (tests, the end of a reindex).</summary>
    Task RefreshAsync(CancellationToken ct);

    /// <summary>Hits of one page, the total, highlights and facet counts (see <see cref="SearchQuery"/>).</summary>
    Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct);

    /// <summary>As-you-type suggestions: product names matching the prefix (edge n-grams), best first, no duplicates.</summary>
    Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken ct);

    /// <summary>Whether the engine answers (for <c>/health/ready</c>). Never throws.</summary>
    Task<SearchEngineHealth> CheckHealthAsync(CancellationToken ct);

    /// <summary>
    /// Starts building a complete new index aside (Lucene: a new directory; Elasticsearch: a new concrete index behind
    /// the alias). Searches keep using the live index until <see cref="IIndexRebuild.SwapAsync"/>; disposing the
    /// session without swapping throws the new index away.
    /// </summary>
    Task<IIndexRebuild> BeginRebuildAsync(CancellationToken ct);
}

/// <summary>A new index being built aside by the <c>reindex</c> verb; swapped in atomically when complete.</summary>
internal interface IIndexRebuild : IAsyncDisposable
{
    /// <summary>Adds a batch to the new index (not visible to searches yet).</summary>
    Task AddAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct);

    /// <summary>
    /// Commits the new index and makes it the live one in one step (Lucene: the <c>current</c> pointer file names the
    /// new directory; Elasticsearch: one <c>_aliases</c> call moves the alias), then drops the old one.
    /// </summary>
    Task SwapAsync(CancellationToken ct);
}

/// <summary>The engine could not be reached or did not answer in time. Maps to 503 with Retry-After.</summary>
internal sealed class SearchEngineUnavailableException : Exception
{
    public SearchEngineUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public SearchEngineUnavailableException()
    {
    }

    public SearchEngineUnavailableException(string message)
        : base(message)
    {
    }
}

/// <param name="Healthy">True when the engine answered.</param>
/// <param name="Description">What was checked or what failed, for <c>/health/ready</c> (never a secret).</param>
internal sealed record SearchEngineHealth(bool Healthy, string Description);
