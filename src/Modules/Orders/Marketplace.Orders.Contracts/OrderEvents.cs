using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Events;

namespace Marketplace.Orders.Contracts;

/// <summary>
/// One line of an order was paid (the order moved to paid). Carries the booth the line was added from, so the
/// Exhibitions module can attribute sales to booths. Emitted once per line per order payment.
/// </summary>
public sealed record OrderLinePaid(
    Guid OrderId,
    Guid OrderGroupId,
    Guid ShopId,
    Guid ProductId,
    int Quantity,
    Money LineTotal,
    Guid? BoothId,
    Guid? ShopperId,
    DateTimeOffset PaidAt) : IntegrationEvent;

/// <summary>An order (one shop's part of a checkout) was paid.</summary>
public sealed record OrderPaid(Guid OrderId, Guid OrderGroupId, Guid ShopId, Money Total, DateTimeOffset PaidAt) : IntegrationEvent;

/// <summary>An order was cancelled (by the shopper, the merchant, or because its payment window expired).</summary>
public sealed record OrderCancelled(Guid OrderId, Guid OrderGroupId, Guid ShopId, string Reason, bool WasPaid) : IntegrationEvent;
