using System.Security.Claims;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Fulfilment;

internal enum OrderRole
{
    Shopper,
    Merchant,
    Admin,
}

internal sealed record OrderWithGroup(Order Order, OrderGroup Group, OrderRole Role);

/// <summary>
/// Who may see or act on an order: the shopper who placed it, the owner of the shop it is from, an admin. To anyone
/// else the order does not exist (404), so order ids cannot be probed.
/// </summary>
internal static class OrderAccess
{
    public static readonly Error NotFound = Error.NotFound("orders.order_not_found", "No such order.");

    public static async Task<Result<OrderWithGroup>> FindAsync(OrdersDbContext db, ICatalogReader catalog, Guid orderId, ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.UserId();
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Transitions).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || userId is null)
        {
            return NotFound;
        }

        OrderRole role;
        if (order.ShopperId == userId)
        {
            role = OrderRole.Shopper;
        }
        else if (user.IsAdmin())
        {
            role = OrderRole.Admin;
        }
        else if (user.IsInRole(Roles.Merchant) && (await catalog.GetShopAsync(order.ShopId, ct))?.OwnerId == userId)
        {
            role = OrderRole.Merchant;
        }
        else
        {
            return NotFound;
        }

        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == order.GroupId, ct);
        return new OrderWithGroup(order, group, role);
    }
}
