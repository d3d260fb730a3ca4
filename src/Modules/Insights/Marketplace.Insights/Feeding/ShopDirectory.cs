using Marketplace.Catalog.Contracts;
using Marketplace.Insights.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Insights.Feeding;

/// <summary>
/// The shops as the insights count them. A shop not seen yet (its ShopChanged still on the way, or created before this
/// module) is read once from the Catalog and recorded — inactive until its own event counts it, so counting stays with
/// the shop's events.
/// </summary>
internal sealed class ShopDirectory(InsightsDbContext db, ICatalogReader catalog)
{
    public async Task<InsightsShop?> FindAsync(Guid shopId, CancellationToken ct)
    {
        var known = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.ShopId == shopId, ct);
        if (known is not null)
        {
            return known;
        }

        var shop = await catalog.GetShopAsync(shopId, ct);
        if (shop is null)
        {
            return null;
        }

        var fresh = new InsightsShop { ShopId = shop.Id, CityCode = shop.CityCode, Subsectors = string.Join(',', shop.Subsectors), Active = false, Version = 0 };
        db.Shops.Add(fresh);
        return fresh;
    }
}
