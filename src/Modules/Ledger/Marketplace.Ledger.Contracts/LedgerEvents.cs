using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Events;

namespace Marketplace.Ledger.Contracts;

/// <summary>
/// Money went back to a shopper for some lines (or all) of a paid order. <see cref="ReturnedStock"/> lists the units the
/// shop chose to put back on sale; the Catalog adds them to stock (once per event, through its inbox).
/// </summary>
public sealed record RefundCompleted(
    Guid RefundId,
    Guid OrderId,
    Guid ShopId,
    Money Amount,
    string Method,
    IReadOnlyList<ReturnedStockLine> ReturnedStock,
    DateTimeOffset CompletedAt) : IntegrationEvent;

public sealed record ReturnedStockLine(Guid ProductId, int Quantity);

/// <summary>A payout reached the shop's bank account (marked paid with the transfer's reference).</summary>
public sealed record PayoutPaid(Guid PayoutId, Guid ShopId, Money Amount, string Reference, DateTimeOffset PaidAt) : IntegrationEvent;

/// <summary>
/// What the Ledger has refunded of an order (completed refunds and any in flight), in minor units: the Orders module
/// refunds only the rest when a paid card order is cancelled, so a line refunded before is never paid back twice.
/// </summary>
public interface IRefundLedger
{
    Task<long> RefundedAmountAsync(Guid orderId, CancellationToken ct);

    /// <summary>
    /// The refund of this order still waiting for the payment provider's answer (its money may or may not be back yet),
    /// or null. While there is one the order cannot be cancelled: what is left to refund is not known.
    /// </summary>
    Task<Guid?> PendingRefundAsync(Guid orderId, CancellationToken ct);
}
