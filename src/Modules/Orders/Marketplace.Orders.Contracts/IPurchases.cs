namespace Marketplace.Orders.Contracts;

/// <summary>Where an order stands, as other modules may know it.</summary>
public enum PurchaseState
{
    AwaitingPayment,
    Paid,
    Shipped,
    Completed,
    Cancelled,
}

/// <summary>One purchased order line and the state of its order (e.g. for deciding whether its buyer may review it).</summary>
public sealed record PurchasedLine(
    Guid OrderLineId,
    Guid OrderId,
    Guid ShopperId,
    Guid ShopId,
    Guid ProductId,
    string ProductName,
    PurchaseState State,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? CompletedAt);

/// <summary>The Orders module's read side for other modules: who bought what, and how far the order has come.</summary>
public interface IPurchases
{
    /// <summary>The line with this id, or null when there is none.</summary>
    Task<PurchasedLine?> FindLineAsync(Guid orderLineId, CancellationToken ct);
}
