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
        var found = await Query().Where(x => x.Order.Id == orderId).SingleOrDefaultAsync(ct);
        return found is null ? null : ToSummary(found.Order, found.Method);
    }

    public async Task<IReadOnlyList<OrderSummary>> ListPaidAsync(int skip, int take, CancellationToken ct)
    {
        var page = await Query().Where(x => x.Order.PaidAt != null).OrderBy(x => x.Order.Id).Skip(skip).Take(take).ToListAsync(ct);
        return page.Select(x => ToSummary(x.Order, x.Method)).ToList();
    }

    private IQueryable<OrderAndMethod> Query() =>
        db.Orders.AsNoTracking().Join(db.Groups, o => o.GroupId, g => g.Id, (o, g) => new OrderAndMethod(o, g.PaymentMethod));

    private static OrderSummary ToSummary(Order o, PaymentMethod method) =>
        new(o.Id, o.GroupId, o.ShopId, o.ShopperId, OrderActions.Snake(o.Status), new Money(o.TotalAmount, o.Currency),
            method.ToString().ToLowerInvariant(), o.PaidAt);

    private sealed record OrderAndMethod(Order Order, PaymentMethod Method);
}
