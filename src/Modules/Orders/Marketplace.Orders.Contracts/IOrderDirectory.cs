using Marketplace.SharedKernel;

namespace Marketplace.Orders.Contracts;

/// <summary>An order as other modules may see it: whose it is, where it stands, what was paid and how.</summary>
public sealed record OrderSummary(
    Guid OrderId,
    Guid OrderGroupId,
    Guid ShopId,
    Guid ShopperId,
    string Status,
    Money Total,
    string PaymentMethod,
    DateTimeOffset? PaidAt);

/// <summary>What the Ledger asks of orders: one order (who may refund it, was it paid), and every paid order (reconciliation).</summary>
public interface IOrderDirectory
{
    Task<OrderSummary?> FindAsync(Guid orderId, CancellationToken ct);

    /// <summary>Every order that was ever paid (PaidAt set, cancelled since or not), in id order, a page at a time.</summary>
    Task<IReadOnlyList<OrderSummary>> ListPaidAsync(int skip, int take, CancellationToken ct);
}
