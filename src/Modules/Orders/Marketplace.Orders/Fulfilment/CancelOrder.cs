using System.Security.Claims;
using AutoMapper;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Ledger.Contracts;
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
    private const int RefundPendingRetryAfterSeconds = 60;

    public static Error RefundPending(Guid refundId) => Error.Conflict("orders.refund_pending",
        $"Refund {refundId} of this order is still waiting for the payment provider's answer, so what is left to refund is not " +
        "known yet. Nothing was changed; cancel again once that refund is settled (usually within a few minutes).");

    /// <summary>Cancel before shipping (shopper, merchant or admin). The stock goes back; a paid card order is refunded.</summary>
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Handle(
        Guid id, CancelOrderRequest? request, HttpContext http, ClaimsPrincipal user, OrdersDbContext db, ICatalogReader catalog, OrderLifecycle lifecycle,
        StripePaymentEvents refunds, IRefundLedger refundLedger, IMapper mapper, CancellationToken ct)
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

        // A refund whose provider answer is still unknown leaves open how much of the payment is already back; cancelling
        // now would refund "the rest" of an unknown amount. Nothing changes; the refund settles within minutes
        // (Ledger:PendingRefundGrace and the ledger job), then the cancel goes through.
        if (order.Status == OrderStatus.Paid && await refundLedger.PendingRefundAsync(id, ct) is { } pendingRefund)
        {
            http.Response.Headers.RetryAfter = RefundPendingRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return RefundPending(pendingRefund).ToProblem();
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
