using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Ledger.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Fulfilment;
using Marketplace.Orders.Persistence;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;
using PaymentMethod = Marketplace.Orders.Domain.PaymentMethod;

namespace Marketplace.Orders.Payments;

internal sealed record WebhookResponse(string EventId, string Outcome);

/// <summary>
/// <c>POST /payments/stripe/webhook</c>. The body is verified against <c>Stripe-Signature</c> with the endpoint's secret
/// (Stripe.net's <see cref="EventUtility"/>: HMAC-SHA256 over "{t}.{payload}", 5-minute tolerance); a bad signature is a
/// 400 and changes nothing. Each event id is applied once (<c>orders_payment_events</c>); every effect is also a
/// conditional move (pending_payment → paid, → cancelled), so a replay, a reordering, or a webhook racing the checkout
/// response or a cancel cannot apply twice: exactly one transition wins, and money captured for an order that lost
/// (cancelled meanwhile, or its payment window closed) is refunded.
/// </summary>
internal static partial class StripeWebhook
{
    public const string SignatureHeader = "Stripe-Signature";

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Handle(
        HttpRequest request, OrdersDbContext db, StripePaymentEvents events, IOptions<StripeOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (options.Value.WebhookSecret.Length == 0)
        {
            return new Error("payments.webhook_not_configured", "Stripe webhooks are not configured (Payments:Stripe:WebhookSecret).", ErrorKind.Unavailable).ToProblem();
        }

        string payload;
        using (var reader = new StreamReader(request.Body))
        {
            payload = await reader.ReadToEndAsync(ct);
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(payload, request.Headers[SignatureHeader].ToString(), options.Value.WebhookSecret, throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            return Error.Validation(SignatureHeader, "payments.bad_signature", "The Stripe-Signature header does not match the payload.").ToProblem();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return Error.Validation("body", "payments.bad_payload", "The payload is not a Stripe event.").ToProblem();
        }

        if (await db.PaymentEvents.AnyAsync(e => e.EventId == stripeEvent.Id, ct))
        {
            return TypedResults.Ok(new WebhookResponse(stripeEvent.Id, "already_processed"));
        }

        var outcome = await events.ApplyAsync(stripeEvent, ct);
        if (!outcome.IsSuccess)
        {
            return outcome.Errors.ToProblem(); // Not recorded: Stripe retries, and a later delivery may find the group.
        }

        db.PaymentEvents.Add(new ProcessedPaymentEvent { EventId = stripeEvent.Id, Type = stripeEvent.Type, ProcessedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same event delivered twice at once: both applied conditionally, one recorded.
        }

        return TypedResults.Ok(new WebhookResponse(stripeEvent.Id, outcome.Value));
    }
}

/// <summary>The effects of Stripe events on order groups, and refunds.</summary>
internal sealed partial class StripePaymentEvents(
    OrdersDbContext db, OrderLifecycle lifecycle, IStockReservations stock, StripeGateway stripe, IRefundLedger refundLedger, ILogger<StripePaymentEvents> logger)
{
    public static readonly Actor StripeActor = new(null, "stripe");

    public static readonly Error UnknownPaymentIntent = Error.NotFound("payments.unknown_payment_intent", "No order group is paid by this PaymentIntent.");

    public async Task<Result<string>> ApplyAsync(Event stripeEvent, CancellationToken ct)
    {
        switch (stripeEvent.Type)
        {
            case EventTypes.PaymentIntentSucceeded when stripeEvent.Data.Object is PaymentIntent intent:
            {
                var group = await FindGroupAsync(intent.Id, intent.Metadata, ct);
                if (group is null)
                {
                    return UnknownPaymentIntent;
                }

                await PaidAsync(group, intent.Id, ct);
                return "paid";
            }

            case EventTypes.PaymentIntentPaymentFailed when stripeEvent.Data.Object is PaymentIntent intent:
            {
                var group = await FindGroupAsync(intent.Id, intent.Metadata, ct);
                if (group is null)
                {
                    return UnknownPaymentIntent;
                }

                // The shopper may retry with the same client secret until the payment window closes; nothing moves.
                LogPaymentFailed(logger, group.Id, intent.LastPaymentError?.Code ?? "unknown");
                return "payment_failed_recorded";
            }

            case EventTypes.ChargeRefunded when stripeEvent.Data.Object is Charge charge:
            {
                var group = await FindGroupAsync(charge.PaymentIntentId, null, ct);
                if (group is null)
                {
                    return UnknownPaymentIntent;
                }

                return charge.Refunded ? await FullyRefundedAsync(group, charge.Id, ct) : "partial_refund_noted";
            }

            default:
                return "ignored";
        }
    }

    /// <summary>A stripe order was cancelled after it was paid: refund its part of the group's payment (once).</summary>
    public async Task RefundIfCapturedAsync(Guid orderId, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, ct);
        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == order.GroupId, ct);
        if (order.Status != OrderStatus.Cancelled || order.RefundId is not null || group.PaymentIntentId is null)
        {
            return;
        }

        // What the shop already refunded line by line (through the Ledger) went back to the card; only the rest is left.
        var left = order.TotalAmount - await refundLedger.RefundedAmountAsync(orderId, ct);
        var refundId = left > 0 ? (await stripe.RefundAsync(group.PaymentIntentId, order, left, ct)).Id : "ledger:refunded";
        await db.Orders.Where(o => o.Id == orderId && o.RefundId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.RefundId, refundId), ct);
    }

    private async Task PaidAsync(OrderGroup group, string intentId, CancellationToken ct)
    {
        if (group.PaymentIntentId is null)
        {
            // The webhook beat the checkout's own bookkeeping: record the intent now (same value either way).
            await db.Groups.Where(g => g.Id == group.Id && g.PaymentIntentId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.PaymentIntentId, intentId), ct);
        }

        var orders = await db.Orders.AsNoTracking().Where(o => o.GroupId == group.Id).ToListAsync(ct);
        foreach (var order in orders)
        {
            if (order.Status == OrderStatus.PendingPayment)
            {
                if (await stock.ConfirmAsync(order.Id, ct))
                {
                    await lifecycle.MarkPaidAsync(order.Id, StripeActor, "card payment succeeded", ct);
                }
                else
                {
                    // The payment window closed first and the stock went back: the order cannot be honoured.
                    await lifecycle.CancelAsync(order.Id, OrderStatus.PendingPayment, Actor.System, "payment_expired", ct);
                }
            }

            // Cancelled before the money arrived (by the shopper, or by expiry just now): give it back.
            await RefundIfCapturedAsync(order.Id, ct);
        }
    }

    private async Task<string> FullyRefundedAsync(OrderGroup group, string chargeId, CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking().Where(o => o.GroupId == group.Id).ToListAsync(ct);
        foreach (var order in orders.Where(o => o.Status is OrderStatus.PendingPayment or OrderStatus.Paid))
        {
            // Refunded outside the marketplace (e.g. the Stripe dashboard): the order is off, its stock back.
            await db.Orders.Where(o => o.Id == order.Id && o.RefundId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.RefundId, "charge:" + chargeId), ct);
            await lifecycle.CancelAsync(order.Id, order.Status, StripeActor, "refunded", ct);
        }

        return "refunded";
    }

    private async Task<OrderGroup?> FindGroupAsync(string? intentId, IDictionary<string, string>? metadata, CancellationToken ct)
    {
        if (metadata is not null && metadata.TryGetValue("orderGroupId", out var raw) && Guid.TryParse(raw, out var groupId))
        {
            var byId = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId && g.PaymentMethod == PaymentMethod.Stripe, ct);
            if (byId is not null && (byId.PaymentIntentId is null || byId.PaymentIntentId == intentId))
            {
                return byId;
            }
        }

        return intentId is null ? null : await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.PaymentIntentId == intentId, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Card payment for order group {GroupId} failed ({Code}); the shopper may retry")]
    private static partial void LogPaymentFailed(ILogger logger, Guid groupId, string code);
}
