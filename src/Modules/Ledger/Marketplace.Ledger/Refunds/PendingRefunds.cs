using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Ledger.Contracts;
using Marketplace.Ledger.Journal;
using Marketplace.Ledger.Persistence;
using Marketplace.Ledger.Settlement;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Ledger.Refunds;

/// <summary>What sending a refund's money through Stripe came to.</summary>
internal enum ProviderOutcome
{
    /// <summary>Stripe made (or had already made) the refund.</summary>
    Refunded,

    /// <summary>Stripe said no for good (an invalid request: nothing was refunded, and retrying will not change that).</summary>
    Refused,

    /// <summary>No answer, a time-out or a server error: the money may or may not be back. The refund stays pending.</summary>
    Unknown,
}

/// <summary>
/// The second half of a refund, and its recovery. A refund row is committed <c>pending</c> (with its claim on the units)
/// before any money moves; then the money goes back (Stripe, with the idempotency key <c>ledger-refund-{id}</c>) and the
/// journal entry is posted. When the process dies between the two, or Stripe's answer is lost, the row stays
/// <c>pending</c>: <see cref="RecoverAsync"/> (run by <see cref="LedgerJobs"/> on every instance, and by a retry of the
/// same request) asks Stripe for the refund made under that id — found: post it; not found: make it now, under the same
/// key; refused: undo the claim. Completion and undoing are conditional on the row still being pending, so two
/// instances recovering the same refund post it once.
/// </summary>
internal sealed partial class PendingRefunds(
    LedgerDbContext db,
    Journal.Journal journal,
    StripeRefunds stripe,
    TimeProvider clock,
    IOptions<LedgerOptions> options,
    ILogger<PendingRefunds> logger)
{
    /// <summary>Sends the money of a Stripe refund; <paramref name="lookFirst"/> asks Stripe for an earlier attempt first.</summary>
    public async Task<(ProviderOutcome Outcome, string? ProviderRefundId, string? Message)> SendAsync(
        Refund refund, string paymentIntentId, bool lookFirst, CancellationToken ct)
    {
        try
        {
            if (lookFirst && await stripe.FindAsync(paymentIntentId, refund.Id, ct) is { } found)
            {
                return (ProviderOutcome.Refunded, found, null);
            }

            return (ProviderOutcome.Refunded, await stripe.RefundAsync(paymentIntentId, refund.Amount, refund.Id, refund.OrderId, ct), null);
        }
        catch (Stripe.StripeException ex) when ((int)ex.HttpStatusCode is 400 or 402 or 404)
        {
            return (ProviderOutcome.Refused, null, ex.Message);
        }
        catch (Exception ex) when (ex is Stripe.StripeException or HttpRequestException or TaskCanceledException { CancellationToken.IsCancellationRequested: false })
        {
            // 409 (the same idempotency key in flight), 429, 5xx, time-outs, no connection: the outcome is not known.
            LogUnknown(logger, refund.Id, ex.GetType().Name, ex.Message);
            return (ProviderOutcome.Unknown, null, ex.Message);
        }
    }

    /// <summary>
    /// Posts the entry of a pending refund and marks it completed, in one transaction; false when it was not pending any
    /// more (completed or undone by someone else). The shopper's money leaves the clearing account; the shop's share (from
    /// pending or available, wherever the order's money sits now), the commission and any platform voucher subsidy are
    /// reversed as planned when the units were claimed.
    /// </summary>
    public async Task<bool> CompleteAsync(Guid refundId, string? providerRefundId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            var mine = await db.Refunds.Where(r => r.Id == refundId && r.Status == RefundStatus.Pending).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RefundStatus.Completed).SetProperty(r => r.CompletedAt, now).SetProperty(r => r.ProviderRefundId, providerRefundId), ct);
            if (mine == 0)
            {
                await transaction.RollbackAsync(ct);
                return false;
            }

            var refund = await db.Refunds.AsNoTracking().Include(r => r.Lines).SingleAsync(r => r.Id == refundId, ct);
            var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.OrderId == refund.OrderId, ct);
            var moved = await db.Orders.Where(o => o.OrderId == order.OrderId && o.Version == order.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.RefundedAmount, o => o.RefundedAmount + refund.Amount).SetProperty(o => o.Version, o => o.Version + 1), ct);
            if (moved == 0)
            {
                await transaction.RollbackAsync(ct);
                if (attempt >= 10)
                {
                    throw new InvalidOperationException($"Order {refund.OrderId} kept changing while refund {refund.Id} was posted.");
                }

                continue;
            }

            var currency = refund.Currency;
            var shop = Accounts.Shop(order.ShopId, order.Status == SettlementStatus.Available ? Accounts.ShopAvailable : Accounts.ShopPending, currency);
            var clearing = Accounts.Platform(Accounts.Clearing, currency);
            var postings = new List<Posting>();
            foreach (var line in refund.Lines)
            {
                var sold = order.Lines.Single(l => l.LineId == line.OrderLineId);
                postings.Add(new Posting(clearing, line.Amount, line.OrderLineId));
                postings.Add(new Posting(shop, -(line.Amount + line.Subsidy - line.Commission), line.OrderLineId));
                postings.Add(new Posting(Accounts.Platform(Accounts.Commission, currency), -line.Commission, line.OrderLineId, sold.Subsector, sold.RateBps));
                postings.Add(new Posting(Accounts.Platform(Accounts.Vouchers, currency), line.Subsidy, line.OrderLineId, sold.Subsector));
            }

            if (refund.Shipping)
            {
                postings.Add(new Posting(clearing, order.ShippingAmount));
                postings.Add(new Posting(shop, -order.ShippingAmount));
            }

            await journal.PostAsync(new EntryDraft($"refund:{refund.Id}", "refund", currency, postings, refund.OrderId, refund.ShopId, null,
                refund.Reason.Length > 300 ? refund.Reason[..300] : refund.Reason), ct);
            var returned = refund.ReturnStock
                ? refund.Lines.Select(l => new ReturnedStockLine(l.ProductId, l.Quantity)).ToList()
                : [];
            db.AddIntegrationEvent(new RefundCompleted(refund.Id, refund.OrderId, refund.ShopId, new Money(refund.Amount, currency), refund.Method, returned, now) { OccurredAt = now });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
    }

    /// <summary>
    /// Gives the claimed units (and shipping) back and removes the refund, when the money certainly did not go back;
    /// false when it was not pending any more.
    /// </summary>
    public async Task<bool> UndoAsync(Guid refundId)
    {
        var ct = CancellationToken.None;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var refund = await db.Refunds.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == refundId && r.Status == RefundStatus.Pending, ct);
        // Deleting first and only if still pending: of two instances undoing one refund, one gives the units back.
        if (refund is null || await db.Refunds.Where(r => r.Id == refundId && r.Status == RefundStatus.Pending).ExecuteDeleteAsync(ct) == 0)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        foreach (var line in refund.Lines)
        {
            var (lineId, quantity) = (line.OrderLineId, line.Quantity);
            await db.OrderLines.Where(l => l.LineId == lineId).ExecuteUpdateAsync(s => s.SetProperty(l => l.RefundedQuantity, l => l.RefundedQuantity - quantity), ct);
        }

        if (refund.Shipping)
        {
            await db.Orders.Where(o => o.OrderId == refund.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ShippingRefunded, false), ct);
        }

        await db.RefundLines.Where(l => l.RefundId == refundId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Settles one pending refund older than <c>Ledger:PendingRefundGrace</c> (younger ones may still be in their
    /// request): completes it when the money is back, undoes it when Stripe refused, leaves it when Stripe cannot tell.
    /// </summary>
    public async Task<ProviderOutcome> RecoverAsync(Refund refund, CancellationToken ct)
    {
        var outcome = ProviderOutcome.Refunded;
        string? providerRefundId = null;
        if (refund.Method == RefundMethod.Stripe && refund.Amount > 0)
        {
            var intent = await db.Orders.AsNoTracking().Where(o => o.OrderId == refund.OrderId).Select(o => o.PaymentIntentId).SingleAsync(ct);
            (outcome, providerRefundId, _) = await SendAsync(refund, intent!, lookFirst: true, ct);
        }

        switch (outcome)
        {
            case ProviderOutcome.Refunded:
                if (await CompleteAsync(refund.Id, providerRefundId, ct))
                {
                    LogRecovered(logger, refund.Id, refund.OrderId);
                }

                break;
            case ProviderOutcome.Refused:
                if (await UndoAsync(refund.Id))
                {
                    LogUndone(logger, refund.Id, refund.OrderId);
                }

                break;
        }

        return outcome;
    }

    /// <summary>Every pending refund past the grace period (the job on each instance calls this).</summary>
    public async Task<int> RecoverAllAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - options.Value.PendingRefundGrace;
        var stuck = await db.Refunds.AsNoTracking().Where(r => r.Status == RefundStatus.Pending).OrderBy(r => r.Id).Take(100).ToListAsync(ct);
        var settled = 0;
        // Filtered here, not in SQL: SQLite stores DateTimeOffset as text and cannot compare it in a query.
        foreach (var refund in stuck.Where(r => r.CreatedAt <= before))
        {
            if (await RecoverAsync(refund, ct) != ProviderOutcome.Unknown)
            {
                settled++;
            }
        }

        return settled;
    }

    public bool IsPastGrace(Refund refund) => refund.CreatedAt <= clock.GetUtcNow() - options.Value.PendingRefundGrace;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId}: Stripe's outcome is unknown ({Kind}: {Reason}); it stays pending and is settled later")]
    private static partial void LogUnknown(ILogger logger, Guid refundId, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered pending refund {RefundId} of order {OrderId}: posted")]
    private static partial void LogRecovered(ILogger logger, Guid refundId, Guid orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pending refund {RefundId} of order {OrderId} was refused by Stripe: claim undone")]
    private static partial void LogUndone(ILogger logger, Guid refundId, Guid orderId);
}
