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

/// <summary>
/// An order (one shop's part of a checkout) was paid. Carries what settling the money needs (the Ledger posts from it):
/// the lines as sold, shipping, the discount this order got and the voucher it came from, how it was paid, and when it
/// was placed (the commission rate in force at checkout applies). The buyer and where the order ships to (the city/regency
/// code and country) feed the creative-economy insights' market reach. The later parameters have defaults only so that
/// events stored before they existed still read.
/// </summary>
public sealed record OrderPaid(
    Guid OrderId,
    Guid OrderGroupId,
    Guid ShopId,
    Money Total,
    DateTimeOffset PaidAt,
    IReadOnlyList<PaidOrderLine>? Lines = null,
    long ShippingAmount = 0,
    long DiscountAmount = 0,
    string? VoucherCode = null,
    string PaymentMethod = "manual",
    string? PaymentIntentId = null,
    DateTimeOffset? PlacedAt = null,
    Guid? ShopperId = null,
    string? BuyerCityCode = null,
    string? BuyerCountryCode = null) : IntegrationEvent;

/// <summary>A line of a paid order as it was sold (price snapshot, quantity, the booth it was added from).</summary>
public sealed record PaidOrderLine(Guid LineId, Guid ProductId, int Quantity, long UnitPriceAmount, long LineTotalAmount, Guid? BoothId);

/// <summary>A paid order was handed to a courier.</summary>
public sealed record OrderShipped(Guid OrderId, Guid ShopId, DateTimeOffset ShippedAt) : IntegrationEvent;

/// <summary>A shipped order arrived (the shopper or the shop said so).</summary>
public sealed record OrderCompleted(Guid OrderId, Guid ShopId, DateTimeOffset CompletedAt) : IntegrationEvent;

/// <summary>An order was cancelled (by the shopper, the merchant, or because its payment window expired).</summary>
public sealed record OrderCancelled(Guid OrderId, Guid OrderGroupId, Guid ShopId, string Reason, bool WasPaid) : IntegrationEvent;
