using Marketplace.SharedKernel;

namespace Marketplace.Orders.Domain;

internal sealed record OrderShopRef(Guid Id, string Name, string Slug);

/// <param name="Id">The line's id (refunds name the lines they give money back for; a review names the line it reviews).</param>
/// <param name="UnitPrice">The price paid, as it was at checkout.</param>
internal sealed record OrderLineResponse(Guid Id, Guid ProductId, string Name, string? ImageUrl, Money UnitPrice, int Quantity, Money LineTotal, Guid? BoothId);

internal sealed record OrderTransitionResponse(OrderStatus? From, OrderStatus To, DateTimeOffset At, Guid? ActorId, string ActorRole, string? Note);

internal sealed record OrderResponse(
    Guid Id,
    Guid OrderGroupId,
    OrderShopRef Shop,
    Guid ShopperId,
    OrderStatus Status,
    string PaymentMethod,
    IReadOnlyList<OrderLineResponse> Lines,
    Money Subtotal,
    Money Shipping,
    Money Discount,
    Money Total,
    string? Carrier,
    string? TrackingNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaymentDueAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt,
    string? CancelReason,
    IReadOnlyList<OrderTransitionResponse> History,
    OrderShippingAddress ShippingAddress);

/// <summary>Where the parcel goes (the packing slip prints it); the same for every order of one checkout.</summary>
internal sealed record OrderShippingAddress(string Recipient, string Phone, string Line1, string CityCode, string PostalCode);
