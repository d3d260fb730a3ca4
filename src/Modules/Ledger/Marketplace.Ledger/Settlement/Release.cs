using Marketplace.Ledger.Journal;
using Marketplace.Ledger.Persistence;
using Marketplace.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Ledger.Settlement;

/// <summary>
/// Pending → available for one order: what the order holds on the shop's pending account now (its share, less what
/// refunds took back) moves to available. The status moves by a conditional update on the order's version, so a
/// release racing a refund or a cancellation acts on the state it read or not at all.
/// </summary>
internal sealed class Release(LedgerDbContext db, Journal.Journal journal, TimeProvider clock, IOptions<LedgerOptions> options)
{
    /// <returns>True if this call released it.</returns>
    public async Task<bool> ReleaseAsync(Guid orderId, string reason, Guid? eventId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (eventId is { } id && !await db.TryStartProcessingAsync(id, "ledger.order_released", clock, ct))
            {
                return false;
            }

            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.OrderId == orderId, ct);
            if (order.Status != SettlementStatus.Pending)
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return false;
            }

            var now = clock.GetUtcNow();
            var moved = await db.Orders.Where(o => o.OrderId == orderId && o.Version == order.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, SettlementStatus.Available).SetProperty(o => o.ReleasedAt, now).SetProperty(o => o.Version, o => o.Version + 1), ct);
            if (moved == 0)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                continue;
            }

            var pending = Accounts.Shop(order.ShopId, Accounts.ShopPending, order.Currency);
            var held = await db.Lines.Where(l => l.AccountId == pending && l.OrderId == orderId).SumAsync(l => l.Amount, ct);
            await journal.PostAsync(new EntryDraft($"order_released:{orderId}", "order_released", order.Currency,
                [new Posting(pending, -held), new Posting(Accounts.Shop(order.ShopId, Accounts.ShopAvailable, order.Currency), held)],
                orderId, order.ShopId, eventId, reason), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }

        throw new InvalidOperationException($"Order {orderId} kept changing while it was released.");
    }

    /// <summary>Releases every order shipped longer ago than <c>Ledger:ReleaseAfterShipped</c> that nobody completed.</summary>
    public async Task<int> ReleaseDueAsync(CancellationToken ct)
    {
        var due = clock.GetUtcNow() - options.Value.ReleaseAfterShipped;
        var ids = await db.Orders.AsNoTracking()
            .Where(o => o.Status == SettlementStatus.Pending && o.ShippedAt != null && o.ShippedAt <= due)
            .OrderBy(o => o.ShippedAt).Select(o => o.OrderId).Take(500).ToListAsync(ct);
        var released = 0;
        foreach (var id in ids)
        {
            if (await ReleaseAsync(id, "shipped_days_ago", null, ct))
            {
                released++;
            }
        }

        return released;
    }
}
