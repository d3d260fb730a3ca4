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

/// <param name="Carrier">The courier, e.g. "JNE", "J&amp;T", "SiCepat", "Pos Indonesia".</param>
/// <param name="TrackingNumber">The courier's tracking (resi) number.</param>
internal sealed record ShipOrderRequest(string? Carrier, string? TrackingNumber);

internal sealed class ShipOrderRequestValidator : AbstractValidator<ShipOrderRequest>
{
    public ShipOrderRequestValidator()
    {
        RuleFor(r => r.Carrier).NotEmpty().MaximumLength(60);
        RuleFor(r => r.TrackingNumber).NotEmpty().MaximumLength(100).Matches("^[A-Za-z0-9\\-]+$")
            .WithMessage("A tracking number has letters, digits and dashes only.");
    }
}

/// <param name="Reason">Why (optional, shown to the other party).</param>
internal sealed record CancelOrderRequest(string? Reason);

internal sealed class CancelOrderRequestValidator : AbstractValidator<CancelOrderRequest>
{
    public CancelOrderRequestValidator() => RuleFor(r => r.Reason).MaximumLength(200);
}

/// <summary>The merchant's and shopper's moves on an order. Each checks who may make it, then moves conditionally.</summary>
internal static class OrderActions
{
    public static readonly Error PaymentWindowExpired =
        Error.Conflict("orders.payment_window_expired", "The payment window of this order passed and its stock was released; the order is cancelled.");

    public static Error InvalidTransition(OrderStatus from, OrderStatus to) =>
        Error.Conflict("orders.invalid_transition", $"An order that is {Snake(from)} cannot become {Snake(to)}.");

    private static readonly Error OnlyMerchant = Error.Forbidden("orders.merchant_only", "Only the shop's owner may do this.");

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
            return InvalidTransition(order.Status, OrderStatus.Paid).ToProblem();
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
                return InvalidTransition(now, OrderStatus.Paid).ToProblem();
            }
        }

        return await ReloadAsync(db, mapper, id, ct);
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Ship(
        Guid id, ShipOrderRequest request, ClaimsPrincipal user, OrdersDbContext db, ICatalogReader catalog, OrderLifecycle lifecycle, IMapper mapper, CancellationToken ct)
    {
        var found = await OrderAccess.FindAsync(db, catalog, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        if (found.Value.Role != OrderRole.Merchant)
        {
            return OnlyMerchant.ToProblem();
        }

        if (!await lifecycle.ShipAsync(id, request.Carrier!.Trim(), request.TrackingNumber!.Trim(), new Actor(user.UserId(), "merchant"), ct))
        {
            return InvalidTransition(await StatusAsync(db, id, ct), OrderStatus.Shipped).ToProblem();
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
            return InvalidTransition(await StatusAsync(db, id, ct), OrderStatus.Completed).ToProblem();
        }

        return await ReloadAsync(db, mapper, id, ct);
    }

    /// <summary>Cancel before shipping (shopper, merchant or admin). The stock goes back; a paid card order is refunded.</summary>
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Cancel(
        Guid id, CancelOrderRequest? request, ClaimsPrincipal user, OrdersDbContext db, ICatalogReader catalog, OrderLifecycle lifecycle, StripePaymentEvents refunds, IMapper mapper, CancellationToken ct)
    {
        var found = await OrderAccess.FindAsync(db, catalog, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        if (request?.Reason is { Length: > 200 })
        {
            return Error.Validation("reason", "validation.maximum_length", "reason has at most 200 characters.").ToProblem();
        }

        var (order, group, role) = found.Value;
        if (order.Status is not (OrderStatus.PendingPayment or OrderStatus.Paid))
        {
            return InvalidTransition(order.Status, OrderStatus.Cancelled).ToProblem();
        }

        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? $"cancelled by {RoleName(role)}" : request!.Reason!.Trim();
        if (!await lifecycle.CancelAsync(id, order.Status, new Actor(user.UserId(), RoleName(role)), reason, ct))
        {
            return InvalidTransition(await StatusAsync(db, id, ct), OrderStatus.Cancelled).ToProblem();
        }

        if (order.Status == OrderStatus.Paid && group.PaymentMethod == PaymentMethod.Stripe)
        {
            await refunds.RefundIfCapturedAsync(id, ct);
        }

        return await ReloadAsync(db, mapper, id, ct);
    }

    public static string Snake(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => "pending_payment",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string RoleName(OrderRole role) => role.ToString().ToLowerInvariant();

    private static Task<OrderStatus> StatusAsync(OrdersDbContext db, Guid id, CancellationToken ct) =>
        db.Orders.AsNoTracking().Where(o => o.Id == id).Select(o => o.Status).SingleAsync(ct);

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> ReloadAsync(OrdersDbContext db, IMapper mapper, Guid id, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Transitions).SingleAsync(o => o.Id == id, ct);
        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == order.GroupId, ct);
        return TypedResults.Ok(mapper.ToResponse(order, group));
    }
}
