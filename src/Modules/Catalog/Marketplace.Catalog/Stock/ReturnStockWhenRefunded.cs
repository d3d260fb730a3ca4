using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Persistence;
using Marketplace.Ledger.Contracts;
using Marketplace.SharedKernel.Events;
using Marketplace.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Stock;

/// <summary>
/// A refund whose shop chose to put the units back on sale: each product's stock grows by the refunded units, once per
/// refund (the inbox row commits with the stock change), capped at <see cref="Products.Product.MaxStock"/>.
/// </summary>
internal sealed class ReturnStockWhenRefunded(CatalogDbContext db, CatalogCache cache, TimeProvider clock) : IIntegrationEventHandler<RefundCompleted>
{
    public async Task HandleAsync(RefundCompleted e, CancellationToken ct)
    {
        if (e.ReturnedStock.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TryStartProcessingAsync(e.EventId, "catalog.refund_returned_stock", clock, ct))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var merged = e.ReturnedStock.GroupBy(l => l.ProductId).Select(g => (ProductId: g.Key, Quantity: g.Sum(l => l.Quantity))).OrderBy(l => l.ProductId).ToList();
        foreach (var (productId, quantity) in merged)
        {
            await db.Products.Where(p => p.Id == productId && p.ShopId == e.ShopId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Stock, p => Math.Min(Products.Product.MaxStock, p.Stock + quantity))
                    .SetProperty(p => p.Version, p => p.Version + 1), ct);
        }

        var ids = merged.Select(l => l.ProductId).ToList();
        var current = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && p.ShopId == e.ShopId)
            .Select(p => new { p.Id, p.ShopId, p.Stock, p.Version }).ToListAsync(ct);
        foreach (var p in current)
        {
            db.AddIntegrationEvent(new ProductStockChanged(p.Id, p.ShopId, p.Stock, p.Version) { OccurredAt = now });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await cache.ProductsChangedAsync(ids, ct);
    }
}
