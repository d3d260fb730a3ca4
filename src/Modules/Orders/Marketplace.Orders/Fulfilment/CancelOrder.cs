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

/// <param name="Reason">Why (optional, shown to the other party).</param>
internal sealed record CancelOrderRequest(string? Reason);

internal sealed class CancelOrderRequestValidator : AbstractValidator<CancelOrderRequest>
{
    public CancelOrderRequestValidator() => RuleFor(r => r.Reason).MaximumLength(200);
}

internal static class CancelOrder
{
    /// <summary>Cancel before shipping (shopper, merchant or admin). The stock goes back; a paid card order is refunded.</summary>
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Handle(
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
            return Order.InvalidTransition(order.Status, OrderStatus.Cancelled).ToProblem();
        }

        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? $"cancelled by {OrderActions.RoleName(role)}" : request!.Reason!.Trim();
        if (!await lifecycle.CancelAsync(id, order.Status, new Actor(user.UserId(), OrderActions.RoleName(role)), reason, ct))
        {
            return Order.InvalidTransition(await OrderActions.StatusAsync(db, id, ct), OrderStatus.Cancelled).ToProblem();
        }

        if (order.Status == OrderStatus.Paid && group.PaymentMethod == PaymentMethod.Stripe)
        {
            await refunds.RefundIfCapturedAsync(id, ct);
        }

        return await OrderActions.ReloadAsync(db, mapper, id, ct);
    }
}
