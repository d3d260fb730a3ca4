using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Persistence;
using Marketplace.Engagement.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Ratings;

/// <summary>
/// Keeps a copy of Engagement's rating aggregates on products and shops. Why a copy here rather than Engagement answering
/// at read time: a product page stays one cached row read (no second module call per page view), its ETag changes with
/// the rating, and Search indexes the rating from the same <see cref="ProductSearchDocument"/> it already reads — so
/// <c>sort=rating</c> and <c>minRating</c> survive a full reindex. Idempotent and order-proof through the aggregate's
/// version: an older or repeated event changes nothing.
/// </summary>
internal sealed class ApplyRatingChanged(CatalogDbContext db, CatalogCache cache, TimeProvider clock) : IIntegrationEventHandler<RatingChanged>
{
    public async Task HandleAsync(RatingChanged e, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (e.Kind == RatedKind.Product)
        {
            var product = await db.Products.SingleOrDefaultAsync(p => p.Id == e.TargetId, ct);
            if (product is null || !product.ApplyRating(e.Count, e.Distribution, e.Average, e.Version))
            {
                return;
            }

            db.AddIntegrationEvent(new ProductUpdated(product.Id, product.ShopId, product.Version) { OccurredAt = now });
            await db.SaveChangesAsync(ct);
            await cache.ProductChangedAsync(product.Id, ct);
        }
        else
        {
            var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == e.TargetId, ct);
            if (shop is null || !shop.ApplyRating(e.Count, e.Distribution, e.Average, e.Version))
            {
                return;
            }

            // No ShopChanged: that would reindex every product of the shop, and search does not use the shop's rating.
            await db.SaveChangesAsync(ct);
            await cache.ShopChangedAsync(shop.Id, shop.Slug, null, ct);
        }
    }
}
