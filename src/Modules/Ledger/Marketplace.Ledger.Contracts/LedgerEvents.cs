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
