using Marketplace.Orders.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Reading;

/// <summary>Answers <see cref="IPurchases"/> from the Orders tables (one indexed join by line id).</summary>
internal sealed class Purchases(OrdersDbContext db) : IPurchases
{
    public async Task<PurchasedLine?> FindLineAsync(Guid orderLineId, CancellationToken ct)
    {
        var row = await (
            from line in db.Lines.AsNoTracking()
            join order in db.Orders.AsNoTracking() on line.OrderId equals order.Id
            where line.Id == orderLineId
            select new { line.Id, line.OrderId, order.ShopperId, order.ShopId, line.ProductId, line.ProductName, order.Status, order.ShippedAt, order.CompletedAt })
            .SingleOrDefaultAsync(ct);
        return row is null
            ? null
            : new PurchasedLine(row.Id, row.OrderId, row.ShopperId, row.ShopId, row.ProductId, row.ProductName, ToState(row.Status), row.ShippedAt, row.CompletedAt);
    }

    private static PurchaseState ToState(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => PurchaseState.AwaitingPayment,
        OrderStatus.Paid => PurchaseState.Paid,
        OrderStatus.Shipped => PurchaseState.Shipped,
        OrderStatus.Completed => PurchaseState.Completed,
        _ => PurchaseState.Cancelled,
    };
}
