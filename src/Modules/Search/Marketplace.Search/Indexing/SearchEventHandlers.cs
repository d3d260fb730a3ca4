using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Media.Contracts;
using Marketplace.Search.Engines;
using Marketplace.SharedKernel.Events;

namespace Marketplace.Search.Indexing;

/// <summary>
/// Catalog and Exhibitions events → index. Delivered at least once by the producer's outbox dispatcher, in a fresh
/// scope per delivery. A handler that throws (engine down or slow) leaves the outbox row pending; the dispatcher
/// retries with back-off (0.5 s, 1 s, 2 s, … up to 5 min, 20 attempts), so nothing is lost while the engine is away.
/// </summary>
internal sealed class SearchEventHandlers(ProductIndexer indexer, ExhibitionTags exhibitions) :
    IIntegrationEventHandler<ProductPublished>,
    IIntegrationEventHandler<ProductUpdated>,
    IIntegrationEventHandler<ProductUnpublished>,
    IIntegrationEventHandler<ProductDeleted>,
    IIntegrationEventHandler<ProductStockChanged>,
    IIntegrationEventHandler<ShopChanged>,
    IIntegrationEventHandler<BoothOpened>,
    IIntegrationEventHandler<BoothClosed>,
    IIntegrationEventHandler<MediaChanged>
{
    public Task HandleAsync(ProductPublished e, CancellationToken ct) => indexer.ReindexProductAsync(e.ProductId, ct);

    public Task HandleAsync(ProductUpdated e, CancellationToken ct) => indexer.ReindexProductAsync(e.ProductId, ct);

    public Task HandleAsync(ProductUnpublished e, CancellationToken ct) => indexer.ReindexProductAsync(e.ProductId, ct);

    public Task HandleAsync(ProductDeleted e, CancellationToken ct) => indexer.ReindexProductAsync(e.ProductId, ct);

    public Task HandleAsync(ProductStockChanged e, CancellationToken ct) =>
        indexer.UpdateStockAsync(new StockChange(e.ProductId, e.Stock, e.Version), ct);

    public Task HandleAsync(ShopChanged e, CancellationToken ct) => indexer.ReindexShopAsync(e.ShopId, null, ct);

    // With the Exhibitions module installed its directory is the truth (it already reflects the booth, committed with
    // the event). Without it — only possible if these events come from elsewhere — the event itself is applied.
    public Task HandleAsync(BoothOpened e, CancellationToken ct) =>
        indexer.ReindexShopAsync(e.ShopId, exhibitions.HasDirectory ? null : [new ExhibitionTag(e.ExhibitionId, e.ExhibitionSlug)], ct);

    public Task HandleAsync(BoothClosed e, CancellationToken ct) =>
        indexer.ReindexShopAsync(e.ShopId, exhibitions.HasDirectory ? null : [], ct);

    // A product's photos changed (uploaded, processed, reordered, deleted): its result card shows the new cover.
    public Task HandleAsync(MediaChanged e, CancellationToken ct) =>
        e.OwnerKind == MediaOwnerKind.Product ? indexer.ReindexProductAsync(e.OwnerId, ct) : Task.CompletedTask;
}
