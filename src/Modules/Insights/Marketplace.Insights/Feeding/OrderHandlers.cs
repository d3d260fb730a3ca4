using System.Globalization;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Catalog.Contracts;
using Marketplace.Insights.Persistence;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Insights.Feeding;

/// <summary>
/// Paid orders into the cells of the shop's city: orders and paid GMV per sub-sector and month, distinct and repeat
/// buyers, buyers from outside the city, the province or Indonesia (from the shipping address the event carries), and
/// the sales attributed to exhibition booths. A paid order's cancellation takes its orders and GMV back out (its buyer
/// stays counted: they did buy). Each event counts once (inbox row in the same transaction as the counters).
/// </summary>
internal sealed class OrderHandlers(InsightsDbContext db, CellWriter cells, ShopDirectory shops, ICatalogReader catalog, TimeProvider clock) :
    IIntegrationEventHandler<OrderPaid>,
    IIntegrationEventHandler<OrderCancelled>
{
    public const string PaidConsumer = "insights.order_paid";

    public async Task HandleAsync(OrderPaid e, CancellationToken ct)
    {
        if (e.Total.Currency != Money.DefaultCurrency)
        {
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TryStartProcessingAsync(e.EventId, PaidConsumer, clock, ct))
        {
            return;
        }

        await db.SaveChangesAsync(ct);
        var shop = await shops.FindAsync(e.ShopId, ct);
        // Already counted (by the backfill, or the event of an order paid once and redelivered under another id).
        if (shop is null || await db.Orders.AnyAsync(o => o.OrderId == e.OrderId, ct))
        {
            await tx.CommitAsync(ct);
            return;
        }

        // In key order, as every handler moves cells: two orders paid at once lock the shared roll-up rows in the same order.
        var parts = (await SplitAsync(e, shop, ct)).OrderBy(p => p.Subsector, StringComparer.Ordinal).ToList();
        var month = CellWriter.MonthOf(e.PaidAt);
        var buyer = e.ShopperId ?? e.OrderId;
        var outsideCity = e.BuyerCityCode is { } bc && bc != shop.CityCode;
        var outsideProvince = e.BuyerCityCode is { } bp && CellWriter.ProvinceOf(bp) != CellWriter.ProvinceOf(shop.CityCode);
        var abroad = e.BuyerCountryCode is { Length: > 0 } country && !string.Equals(country, "ID", StringComparison.OrdinalIgnoreCase);
        foreach (var (subsector, amount, attributed) in parts)
        {
            var seen = await cells.CountBuyerAsync(shop.CityCode, subsector, month, buyer, ct);
            var isNew = seen == 1 ? 1 : 0;
            await cells.AddAsync(shop.CityCode, subsector, month, new CellDelta(
                Orders: 1, PaidGmv: amount, Buyers: isNew, RepeatBuyers: seen == 2 ? 1 : 0,
                BuyersOutsideCity: outsideCity ? isNew : 0, BuyersOutsideProvince: outsideProvince ? isNew : 0, BuyersAbroad: abroad ? isNew : 0,
                AttributedOrders: attributed > 0 ? 1 : 0, AttributedSales: attributed), ct);
        }

        db.Orders.Add(new InsightsOrder
        {
            OrderId = e.OrderId,
            CityCode = shop.CityCode,
            Month = month,
            Parts = string.Join(';', parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Subsector}={p.Amount}={p.Attributed}"))),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task HandleAsync(OrderCancelled e, CancellationToken ct)
    {
        if (!e.WasPaid)
        {
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TryStartProcessingAsync(e.EventId, "insights.order_cancelled", clock, ct))
        {
            return;
        }

        var order = await db.Orders.SingleOrDefaultAsync(o => o.OrderId == e.OrderId, ct);
        if (order is { Cancelled: false })
        {
            order.Cancelled = true;
            foreach (var part in order.Parts.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = part.Split('=');
                var amount = long.Parse(fields[1], CultureInfo.InvariantCulture);
                var attributed = long.Parse(fields[2], CultureInfo.InvariantCulture);
                await cells.AddAsync(order.CityCode, fields[0], order.Month, new CellDelta(
                    Orders: -1, PaidGmv: -amount, AttributedOrders: attributed > 0 ? -1 : 0, AttributedSales: -attributed), ct);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The all-sub-sectors part (the order's paid total) and one part per sub-sector of its lines (their line totals), each
    /// with what of it was bought from a booth of this very shop (a booth id on a line is client-supplied, so checked).
    /// </summary>
    private async Task<List<(string Subsector, long Amount, long Attributed)>> SplitAsync(OrderPaid e, InsightsShop shop, CancellationToken ct)
    {
        var lines = e.Lines ?? [];
        var boothIds = lines.Where(l => l.BoothId is not null).Select(l => l.BoothId!.Value).Distinct().ToList();
        var ownBooths = boothIds.Count == 0 ? [] : (await db.Booths.AsNoTracking()
            .Where(b => boothIds.Contains(b.BoothId) && b.ShopId == e.ShopId).Select(b => b.BoothId).ToListAsync(ct)).ToHashSet();
        long Attributed(IEnumerable<PaidOrderLine> ls) => ls.Where(l => l.BoothId is { } b && ownBooths.Contains(b)).Sum(l => l.LineTotalAmount);

        var parts = new List<(string, long, long)> { (InsightsCell.AllSubsectors, e.Total.Amount, Attributed(lines)) };
        if (lines.Count == 0)
        {
            // An event stored before lines were carried: the shop's first sub-sector takes the whole order.
            if (shop.SubsectorList.FirstOrDefault() is { } only)
            {
                parts.Add((only, e.Total.Amount, 0));
            }

            return parts;
        }

        var subsectors = await SubsectorsAsync(lines.Select(l => l.ProductId).Distinct().ToList(), ct);
        foreach (var group in lines.GroupBy(l => subsectors.GetValueOrDefault(l.ProductId) ?? shop.SubsectorList.FirstOrDefault() ?? "lainnya"))
        {
            parts.Add((group.Key, group.Sum(l => l.LineTotalAmount), Attributed(group)));
        }

        return parts;
    }

    private async Task<Dictionary<Guid, string>> SubsectorsAsync(List<Guid> productIds, CancellationToken ct)
    {
        var known = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.ProductId))
            .ToDictionaryAsync(p => p.ProductId, p => p.Subsector, ct);
        var missing = productIds.Where(id => !known.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var product in await catalog.GetProductsAsync(missing, ct))
            {
                known[product.Id] = product.Subsector;
            }
        }

        return known;
    }
}
