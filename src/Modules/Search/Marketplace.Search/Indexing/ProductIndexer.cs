using Marketplace.BuildingBlocks.Caching;
using Marketplace.Catalog.Contracts;
using Marketplace.Search.Engines;
using Marketplace.Search.Querying;

namespace Marketplace.Search.Indexing;

/// <summary>
/// Brings the index in line with the Catalog for some products. Events only say *which* products changed; the
/// indexer always re-reads their current state through <see cref="ICatalogReader"/> and upserts (searchable) or
/// deletes (draft, deleted, shop suspended). So applying an event twice, or late, or out of order, converges on
/// the truth: indexing is idempotent without an inbox.
/// </summary>
internal sealed class ProductIndexer(ICatalogReader catalog, ExhibitionTags exhibitions, ISearchEngine engine, ReadThroughCache cache)
{
    public Task ReindexProductAsync(Guid productId, CancellationToken ct) => ReindexAsync([productId], null, ct);

    /// <summary>
    /// A stock change (three per checkout): the engine updates the stock of the indexed document in place, without the
    /// full re-read of product, shop, cover and exhibitions; only a product with no document yet is indexed in full.
    /// The event's row version orders it against the document, so a late or redelivered one changes nothing.
    /// </summary>
    public async Task UpdateStockAsync(StockChange change, CancellationToken ct)
    {
        var missing = await engine.UpdateStockAsync([change], ct);
        if (missing.Count > 0)
        {
            await ReindexAsync([.. missing], null, ct);
            return;
        }

        await cache.InvalidateAsync([SearchResultsCache.Tag], ct);
    }

    /// <summary>Every product of a shop (shop renamed, suspended, exhibition booth opened/closed).</summary>
    /// <param name="tagsOverride">Tags to use instead of asking the directory (only when no directory is installed).</param>
    public async Task ReindexShopAsync(Guid shopId, IReadOnlyList<ExhibitionTag>? tagsOverride, CancellationToken ct)
    {
        var ids = await catalog.GetProductIdsOfShopAsync(shopId, ct);
        foreach (var chunk in ids.Chunk(200))
        {
            await ReindexAsync(chunk, tagsOverride, ct);
        }
    }

    private async Task ReindexAsync(IReadOnlyList<Guid> productIds, IReadOnlyList<ExhibitionTag>? tagsOverride, CancellationToken ct)
    {
        var upserts = new List<SearchDocument>();
        var deletes = new List<Guid>();
        var tagsOfShop = new Dictionary<Guid, IReadOnlyList<ExhibitionTag>>();
        // One read for the whole batch (a shop's 200 products: two queries, not 400).
        var found = (await catalog.GetSearchDocumentsAsync(productIds, ct)).ToDictionary(d => d.ProductId);
        foreach (var id in productIds.Distinct())
        {
            if (found.GetValueOrDefault(id) is not { IsSearchable: true } product)
            {
                deletes.Add(id);
                continue;
            }

            if (!tagsOfShop.TryGetValue(product.ShopId, out var tags))
            {
                tags = tagsOverride ?? await exhibitions.ForShopAsync(product.ShopId, ct);
                tagsOfShop[product.ShopId] = tags;
            }

            upserts.Add(SearchDocument.From(product, tags)!);
        }

        // Either write may throw (engine down): the event handler then fails and the outbox redelivers the event.
        await engine.UpsertAsync(upserts, ct);
        await engine.DeleteAsync(deletes, ct);
        await cache.InvalidateAsync([SearchResultsCache.Tag], ct);
    }
}
