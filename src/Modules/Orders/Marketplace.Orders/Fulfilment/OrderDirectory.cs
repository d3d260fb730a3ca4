using Marketplace.Orders.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Persistence;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Fulfilment;

/// <summary>Orders as the Ledger sees them: refund permission and state, and the list of paid orders it reconciles against.</summary>
internal sealed class OrderDirectory(OrdersDbContext db) : IOrderDirectory
{
    public async Task<OrderSummary?> FindAsync(Guid orderId, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return null;
        }

        var method = await db.Groups.AsNoTracking().Where(g => g.Id == order.GroupId).Select(g => g.PaymentMethod).SingleAsync(ct);
        return ToSummary(order, method);
    }

    public async Task<IReadOnlyList<OrderSummary>> ListPaidAsync(int skip, int take, CancellationToken ct)
    {
        var page = await db.Orders.AsNoTracking().Where(o => o.PaidAt != null).OrderBy(o => o.Id).Skip(skip).Take(take).ToListAsync(ct);
        var groupIds = page.Select(o => o.GroupId).Distinct().ToList();
        var methods = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.PaymentMethod, ct);
        return page.Select(o => ToSummary(o, methods[o.GroupId])).ToList();
    }

    private static OrderSummary ToSummary(Order o, PaymentMethod method) =>
        new(o.Id, o.GroupId, o.ShopId, o.ShopperId, OrderActions.Snake(o.Status), new Money(o.TotalAmount, o.Currency),
            method.ToString().ToLowerInvariant(), o.PaidAt);
}
