using System.Security.Claims;
using Marketplace.Catalog.Contracts;
using Marketplace.Ledger.Persistence;
using Marketplace.Orders.Contracts;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Ledger.Refunds;

internal static class RefundQueries
{
    /// <summary>The refunds of an order, oldest first: for its shopper, its shop's owner and admins.</summary>
    public static async Task<Results<Ok<List<RefundResponse>>, ProblemHttpResult>> List(
        Guid orderId, ClaimsPrincipal user, LedgerDbContext db, IOrderDirectory orders, ICatalogReader catalog, CancellationToken ct)
    {
        var order = await orders.FindAsync(orderId, ct);
        var userId = user.UserId();
        if (order is null || !(user.IsAdmin() || order.ShopperId == userId || (await catalog.GetShopAsync(order.ShopId, ct))?.OwnerId == userId))
        {
            return Error.NotFound("ledger.order_not_found", "No such order.").ToProblem();
        }

        var refunds = await db.Refunds.AsNoTracking().Include(r => r.Lines).Where(r => r.OrderId == orderId)
            .OrderBy(r => r.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(refunds.Select(RefundResponse.From).ToList());
    }
}
