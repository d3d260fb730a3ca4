using Marketplace.Cart.Contracts;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Ledger.Commission;
using Marketplace.Ledger.Journal;
using Marketplace.Ledger.Persistence;
using Marketplace.Ledger.Refunds;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel.Events;
using Marketplace.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Ledger.Settlement;

/// <summary>
/// Posts the Orders module's events: paid → the shop's share to pending, the commission to the platform; completed →
/// pending to available; cancelled after payment → everything the order still holds reversed. Each handler records the
/// event in the Ledger's inbox in the same transaction as its entry, and each entry's source key is unique, so an event
/// delivered twice (or by two instances at once) is posted once.
/// </summary>
internal sealed partial class SettlementHandlers(
    LedgerDbContext db,
    Journal.Journal journal,
    CommissionRates rates,
    Release release,
    ICatalogReader catalog,
    IVoucherDirectory vouchers,
    IExhibitorDirectory exhibitors,
    TimeProvider clock,
    ILogger<SettlementHandlers> logger) :
    IIntegrationEventHandler<OrderPaid>,
    IIntegrationEventHandler<OrderShipped>,
    IIntegrationEventHandler<OrderCompleted>,
    IIntegrationEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderPaid e, CancellationToken ct)
    {
        if (e.Lines is null || e.Lines.Count == 0)
        {
            LogNoLines(logger, e.OrderId);
            return;
        }

        var settlement = await BuildAsync(e, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TryStartProcessingAsync(e.EventId, "ledger.order_paid", clock, ct) || await db.Orders.AnyAsync(o => o.OrderId == e.OrderId, ct))
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return;
        }

        // Append-only rows nothing reads back in this transaction: one multi-row insert each, not change tracking.
        await RowWriter.InsertAsync(db, [settlement], ct);
        await RowWriter.InsertAsync(db, settlement.Lines, ct);
        var currency = settlement.Currency;
        var pending = Accounts.Shop(e.ShopId, Accounts.ShopPending, currency);
        var postings = new List<Posting> { new(Accounts.Platform(Accounts.Clearing, currency), -settlement.Total) };
        foreach (var line in settlement.Lines)
        {
            postings.Add(new Posting(pending, line.ShopShare, line.LineId));
            postings.Add(new Posting(Accounts.Platform(Accounts.Commission, currency), line.CommissionAmount, line.LineId, line.Subsector, line.RateBps));
            postings.Add(new Posting(Accounts.Platform(Accounts.Vouchers, currency), -line.SubsidyAmount, line.LineId, line.Subsector));
        }

        postings.Add(new Posting(pending, settlement.ShippingAmount));
        await journal.PostAsync(new EntryDraft($"order_paid:{e.OrderId}", "order_paid", currency, postings, e.OrderId, e.ShopId, e.EventId, "order paid", SourceChecked: true), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Splits the order's money per line. The discount is spread over the lines by largest remainder; a shop's own voucher
    /// lowers what the shop sells for (commission on the discounted price), a marketplace voucher is paid by the platform
    /// (the shop is credited the full price, commission on it, the platform's voucher account debited the discount).
    /// </summary>
    private async Task<SettlementOrder> BuildAsync(OrderPaid e, CancellationToken ct)
    {
        var lines = e.Lines!;
        var products = (await catalog.GetProductsAsync(lines.Select(l => l.ProductId).Distinct().ToList(), ct)).ToDictionary(p => p.Id);
        var bearer = VoucherBearer.None;
        if (e.DiscountAmount > 0)
        {
            var voucher = e.VoucherCode is null ? null : await vouchers.FindAsync(e.VoucherCode, ct);
            bearer = voucher is { ShopId: not null } ? VoucherBearer.Shop : VoucherBearer.Platform;
        }

        var placedAt = e.PlacedAt ?? e.PaidAt;
        var discounts = Allocation.Proportional(e.DiscountAmount, lines.Select(l => l.LineTotalAmount).ToList());
        var settlement = new SettlementOrder
        {
            OrderId = e.OrderId,
            GroupId = e.OrderGroupId,
            ShopId = e.ShopId,
            Currency = e.Total.Currency,
            PaymentMethod = e.PaymentMethod,
            PaymentIntentId = e.PaymentIntentId,
            PlacedAt = placedAt,
            PaidAt = e.PaidAt,
            Status = SettlementStatus.Pending,
            Total = e.Total.Amount,
            ShippingAmount = e.ShippingAmount,
            VoucherBorneBy = bearer,
        };
        var subsectors = new string[lines.Count];
        var exhibitionIds = new Guid?[lines.Count];
        var booths = new Dictionary<Guid, Guid?>(); // booth → its exhibition, looked up once per order
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            subsectors[i] = products.TryGetValue(line.ProductId, out var product) ? product.Subsector : "unknown";
            if (line.BoothId is { } boothId)
            {
                if (!booths.TryGetValue(boothId, out var exhibitionId))
                {
                    var booth = await exhibitors.FindBoothAsync(boothId, ct);
                    booths[boothId] = exhibitionId = booth is not null && booth.ShopId == e.ShopId ? booth.ExhibitionId : null;
                }

                exhibitionIds[i] = exhibitionId;
            }
        }

        var lineRates = await rates.RatesAtAsync(subsectors.Distinct().ToList(), exhibitionIds.OfType<Guid>().Distinct().ToList(), placedAt, ct);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var subsector = subsectors[i];
            var exhibitionId = exhibitionIds[i];
            var rate = lineRates.Of(subsector, exhibitionId);
            var paid = line.LineTotalAmount - discounts[i];
            var platformPays = bearer == VoucherBearer.Platform;
            settlement.Lines.Add(new SettlementLine
            {
                LineId = line.LineId,
                OrderId = e.OrderId,
                ProductId = line.ProductId,
                Subsector = subsector,
                ExhibitionId = exhibitionId,
                Quantity = line.Quantity,
                GrossAmount = line.LineTotalAmount,
                DiscountAmount = discounts[i],
                PaidAmount = paid,
                SubsidyAmount = platformPays ? discounts[i] : 0,
                CommissionAmount = Allocation.Commission(platformPays ? line.LineTotalAmount : paid, rate),
                RateBps = rate,
            });
        }

        if (settlement.Lines.Sum(l => l.PaidAmount) + settlement.ShippingAmount != settlement.Total)
        {
            throw new InvalidOperationException($"Order {e.OrderId}: lines, shipping and discount do not add up to its total.");
        }

        return settlement;
    }

    public async Task HandleAsync(OrderShipped e, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TryStartProcessingAsync(e.EventId, "ledger.order_shipped", clock, ct))
        {
            return;
        }

        var shippedAt = e.ShippedAt;
        var updated = await db.Orders.Where(o => o.OrderId == e.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ShippedAt, shippedAt), ct);
        if (updated == 0)
        {
            // The payment is not posted yet (events of one order may be retried out of order); try again later.
            throw new InvalidOperationException($"Order {e.OrderId} shipped before its payment was posted.");
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task HandleAsync(OrderCompleted e, CancellationToken ct)
    {
        if (!await db.Orders.AnyAsync(o => o.OrderId == e.OrderId, ct))
        {
            throw new InvalidOperationException($"Order {e.OrderId} completed before its payment was posted.");
        }

        await release.ReleaseAsync(e.OrderId, "order_completed", e.EventId, ct);
    }

    /// <summary>
    /// A paid order cancelled: every line of every entry about this order is netted to zero, per account and order line,
    /// so the reversal takes back exactly what the order still holds (after any refunds), from wherever it sits now.
    /// </summary>
    public async Task HandleAsync(OrderCancelled e, CancellationToken ct)
    {
        if (!e.WasPaid)
        {
            return;
        }

        if (await db.Refunds.AnyAsync(r => r.OrderId == e.OrderId && r.Status == RefundStatus.Pending, ct))
        {
            throw new InvalidOperationException($"Order {e.OrderId} has a refund in flight; its cancellation is posted after it.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TryStartProcessingAsync(e.EventId, "ledger.order_cancelled", clock, ct))
        {
            return;
        }

        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == e.OrderId, ct)
            ?? throw new InvalidOperationException($"Order {e.OrderId} cancelled before its payment was posted.");
        if (order.Status != SettlementStatus.Cancelled)
        {
            var moved = await db.Orders.Where(o => o.OrderId == e.OrderId && o.Version == order.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, SettlementStatus.Cancelled).SetProperty(o => o.Version, o => o.Version + 1), ct);
            if (moved == 0)
            {
                throw new InvalidOperationException($"Order {e.OrderId} changed while its cancellation was posted; retrying.");
            }

            var net = await db.Lines.AsNoTracking().Where(l => l.OrderId == e.OrderId)
                .GroupBy(l => new { l.AccountId, l.OrderLineId, l.Subsector, l.RateBps })
                .Select(g => new { g.Key.AccountId, g.Key.OrderLineId, g.Key.Subsector, g.Key.RateBps, Amount = g.Sum(l => l.Amount) })
                .ToListAsync(ct);
            var postings = net.Where(n => n.Amount != 0)
                .Select(n => new Posting(n.AccountId, -n.Amount, n.OrderLineId, n.Subsector, n.RateBps)).ToList();
            await journal.PostAsync(new EntryDraft($"order_cancelled:{e.OrderId}", "order_cancelled", order.Currency, postings, e.OrderId, order.ShopId, e.EventId, e.Reason), ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OrderPaid for {OrderId} carries no lines (stored before the Ledger existed); not posted")]
    private static partial void LogNoLines(ILogger logger, Guid orderId);
}
