using System.Security.Claims;
using AutoMapper;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Mapping;
using Marketplace.Orders.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Fulfilment;

internal static class OrderQueries
{
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, OrdersDbContext db, ICatalogReader catalog, IMapper mapper, CancellationToken ct)
    {
        var found = await OrderAccess.FindAsync(db, catalog, id, user, ct);
        return found.IsSuccess
            ? TypedResults.Ok(mapper.ToResponse(found.Value.Order, found.Value.Group))
            : found.Errors.ToProblem();
    }

    /// <summary>The signed-in shopper's orders, newest first, optionally by status and by checkout (order group).</summary>
    public static async Task<Results<Ok<PagedResult<OrderResponse>>, ProblemHttpResult>> ListMine(
        string? status, Guid? orderGroupId, int? page, int? pageSize, ClaimsPrincipal user, OrdersDbContext db, IMapper mapper, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        var mine = db.Orders.Where(o => o.ShopperId == userId);
        if (orderGroupId is { } groupId)
        {
            mine = mine.Where(o => o.GroupId == groupId);
        }

        return await ListAsync(mine, status, page, pageSize, db, mapper, ct);
    }

    /// <summary>A shop's orders for its owner (or an admin), newest first, optionally by status.</summary>
    public static async Task<Results<Ok<PagedResult<OrderResponse>>, ProblemHttpResult>> ListForShop(
        Guid shopId, string? status, int? page, int? pageSize, ClaimsPrincipal user, OrdersDbContext db, ICatalogReader catalog, IMapper mapper, CancellationToken ct)
    {
        var shop = await catalog.GetShopAsync(shopId, ct);
        if (shop is null)
        {
            return Error.NotFound("orders.shop_not_found", "No such shop.").ToProblem();
        }

        if (shop.OwnerId != user.UserId() && !user.IsAdmin())
        {
            return Error.Forbidden("orders.not_shop_owner", "Only the shop's owner sees its orders.").ToProblem();
        }

        return await ListAsync(db.Orders.Where(o => o.ShopId == shopId), status, page, pageSize, db, mapper, ct);
    }

    public static Result<OrderStatus?> ParseStatus(string? status)
    {
        if (string.IsNullOrWhiteSpace(status))
        {
            return (OrderStatus?)null;
        }

        foreach (var value in Enum.GetValues<OrderStatus>())
        {
            if (string.Equals(Order.Snake(value), status.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return Error.Validation("status", "orders.unknown_status", "status is one of pending_payment, paid, shipped, completed, cancelled.");
    }

    private static async Task<Results<Ok<PagedResult<OrderResponse>>, ProblemHttpResult>> ListAsync(
        IQueryable<Order> query, string? status, int? page, int? pageSize, OrdersDbContext db, IMapper mapper, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        var parsed = ParseStatus(status);
        var errors = paging.Errors.Concat(parsed.Errors).ToList();
        if (errors.Count > 0)
        {
            return errors.ToProblem();
        }

        if (parsed.Value is { } wanted)
        {
            query = query.Where(o => o.Status == wanted);
        }

        var total = await query.CountAsync(ct);
        var orders = await query.AsNoTracking()
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize)
            .Include(o => o.Lines).Include(o => o.Transitions)
            .AsSplitQuery()
            .ToListAsync(ct);
        var groupIds = orders.Select(o => o.GroupId).Distinct().ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        var items = orders.Select(o => mapper.ToResponse(o, groups[o.GroupId])).ToList();
        return TypedResults.Ok(new PagedResult<OrderResponse>(items, paging.Value.Page, paging.Value.PageSize, total));
    }
}
