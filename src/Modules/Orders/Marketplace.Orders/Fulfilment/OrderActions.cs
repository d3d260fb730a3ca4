using System.Security.Claims;
using AutoMapper;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Mapping;
using Marketplace.Orders.Payments;
using Marketplace.Orders.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Fulfilment;

/// <summary>The merchant's and shopper's moves on an order. Each checks who may make it, then moves conditionally.</summary>
internal static class OrderActions
{
    public static readonly Error PaymentWindowExpired =
        Error.Conflict("orders.payment_window_expired", "The payment window of this order passed and its stock was released; the order is cancelled.");

    public static readonly Error OnlyMerchant = Error.Forbidden("orders.merchant_only", "Only the shop's owner may do this.");

    private static readonly Error ManualOnly = Error.Conflict("orders.not_manual_payment", "This order is paid by card; its payment is confirmed by the payment provider.");

    /// <summary>Manual payment: the shop's owner says the money arrived. Confirming a paid order again changes nothing.</summary>
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> ConfirmPayment(
        Guid id, ClaimsPrincipal user, OrdersDbContext db, ICatalogReader catalog, OrderLifecycle lifecycle, IStockReservations stock, IMapper mapper, CancellationToken ct)
    {
        var found = await OrderAccess.FindAsync(db, catalog, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var (order, group, role) = found.Value;
        if (role != OrderRole.Merchant)
        {
            return OnlyMerchant.ToProblem();
        }

        if (group.PaymentMethod != PaymentMethod.Manual)
        {
            return ManualOnly.ToProblem();
        }

        if (order.Status == OrderStatus.Paid)
        {
            return TypedResults.Ok(mapper.ToResponse(order, group)); // Idempotent: a retried confirmation.
        }

        if (order.Status != OrderStatus.PendingPayment)
        {
            return Order.InvalidTransition(order.Status, OrderStatus.Paid).ToProblem();
        }

        // Confirm the stock first: if the window already expired (reservation released), the order cannot be paid.
        if (!await stock.ConfirmAsync(order.Id, ct))
        {
            await lifecycle.CancelAsync(order.Id, OrderStatus.PendingPayment, Actor.System, "payment_expired", ct);
            return PaymentWindowExpired.ToProblem();
        }

        if (!await lifecycle.MarkPaidAsync(order.Id, new Actor(user.UserId(), "merchant"), "manual payment confirmed", ct))
        {
            var now = await db.Orders.AsNoTracking().Where(o => o.Id == id).Select(o => o.Status).SingleAsync(ct);
            if (now != OrderStatus.Paid)
            {
                return Order.InvalidTransition(now, OrderStatus.Paid).ToProblem();
            }
        }

        return await ReloadAsync(db, mapper, id, ct);
    }

    /// <summary>The shopper says the parcel arrived (or the merchant closes a delivered order).</summary>
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Complete(
        Guid id, ClaimsPrincipal user, OrdersDbContext db, ICatalogReader catalog, OrderLifecycle lifecycle, IMapper mapper, CancellationToken ct)
    {
        var found = await OrderAccess.FindAsync(db, catalog, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        if (!await lifecycle.CompleteAsync(id, new Actor(user.UserId(), RoleName(found.Value.Role)), ct))
        {
            return Order.InvalidTransition(await StatusAsync(db, id, ct), OrderStatus.Completed).ToProblem();
        }

        return await ReloadAsync(db, mapper, id, ct);
    }

    public static string RoleName(OrderRole role) => role.ToString().ToLowerInvariant();

    public static Task<OrderStatus> StatusAsync(OrdersDbContext db, Guid id, CancellationToken ct) =>
        db.Orders.AsNoTracking().Where(o => o.Id == id).Select(o => o.Status).SingleAsync(ct);

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> ReloadAsync(OrdersDbContext db, IMapper mapper, Guid id, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Transitions).SingleAsync(o => o.Id == id, ct);
        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == order.GroupId, ct);
        return TypedResults.Ok(mapper.ToResponse(order, group));
    }
}
