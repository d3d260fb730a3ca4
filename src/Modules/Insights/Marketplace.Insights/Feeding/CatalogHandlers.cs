using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Catalog.Contracts;
using Marketplace.Insights.Persistence;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Insights.Feeding;

/// <summary>
/// Active shops and published products per city and sub-sector, kept as counters: each Catalog event is answered by
/// reading the shop's or product's current state (the events carry ids only) and applying the difference from what was
/// counted before — so a redelivered or late event changes nothing, and nothing is ever recounted from the catalog.
/// </summary>
internal sealed class CatalogHandlers(InsightsDbContext db, CellWriter cells, ShopDirectory shops, ICatalogReader catalog, TimeProvider clock) :
    IIntegrationEventHandler<ShopChanged>,
    IIntegrationEventHandler<ProductPublished>,
    IIntegrationEventHandler<ProductUpdated>,
    IIntegrationEventHandler<ProductUnpublished>,
    IIntegrationEventHandler<ProductDeleted>
{
    public async Task HandleAsync(ShopChanged e, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TryStartProcessingAsync(e.EventId, "insights.shop_changed", clock, ct))
        {
            return;
        }

        // The shop as it is now, whatever order the events come in: counted again only where it differs from before.
        var current = await catalog.GetShopAsync(e.ShopId, ct);
        var known = await db.Shops.SingleOrDefaultAsync(s => s.ShopId == e.ShopId, ct);
        if (known is { Active: true })
        {
            await CountShopAsync(known.CityCode, known.SubsectorList, -1, ct);
        }

        var active = current is { Status: ShopStatus.Active };
        if (active)
        {
            await CountShopAsync(current!.CityCode, current.Subsectors, +1, ct);
        }

        if (current is not null)
        {
            if (known is null)
            {
                db.Shops.Add(known = new InsightsShop { ShopId = e.ShopId });
            }

            known.CityCode = current.CityCode;
            known.Subsectors = string.Join(',', current.Subsectors);
            known.Version = Math.Max(known.Version, e.Version);
        }

        if (known is not null)
        {
            known.Active = active;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public Task HandleAsync(ProductPublished e, CancellationToken ct) => ProductAsync(e.EventId, e.ProductId, e.ShopId, "insights.product_published", ct);

    public Task HandleAsync(ProductUpdated e, CancellationToken ct) => ProductAsync(e.EventId, e.ProductId, e.ShopId, "insights.product_updated", ct);

    public Task HandleAsync(ProductUnpublished e, CancellationToken ct) => ProductAsync(e.EventId, e.ProductId, e.ShopId, "insights.product_unpublished", ct);

    public Task HandleAsync(ProductDeleted e, CancellationToken ct) => ProductAsync(e.EventId, e.ProductId, e.ShopId, "insights.product_deleted", ct);

    private async Task ProductAsync(Guid eventId, Guid productId, Guid shopId, string consumer, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TryStartProcessingAsync(eventId, consumer, clock, ct))
        {
            return;
        }

        var current = (await catalog.GetProductsAsync([productId], ct)).SingleOrDefault();
        var shop = await shops.FindAsync(shopId, ct);
        var known = await db.Products.SingleOrDefaultAsync(p => p.ProductId == productId, ct);
        var listed = current is { Status: ProductStatus.Published };
        var city = shop?.CityCode ?? known?.CityCode;
        if (city is not null)
        {
            if (known is { Listed: true })
            {
                await CountProductAsync(known.CityCode, known.Subsector, -1, ct);
            }

            if (listed)
            {
                await CountProductAsync(city, current!.Subsector, +1, ct);
            }

            if (known is null)
            {
                db.Products.Add(known = new InsightsProduct { ProductId = productId, ShopId = shopId });
            }

            known.CityCode = city;
            known.Subsector = current?.Subsector ?? known.Subsector;
            known.Listed = listed;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task CountShopAsync(string city, IEnumerable<string> subsectors, int delta, CancellationToken ct)
    {
        await cells.AddListingAsync(city, InsightsCell.AllSubsectors, delta, 0, ct);
        foreach (var subsector in subsectors.Distinct(StringComparer.Ordinal))
        {
            await cells.AddListingAsync(city, subsector, delta, 0, ct);
        }
    }

    private async Task CountProductAsync(string city, string subsector, int delta, CancellationToken ct)
    {
        await cells.AddListingAsync(city, InsightsCell.AllSubsectors, 0, delta, ct);
        await cells.AddListingAsync(city, subsector, 0, delta, ct);
    }
}
