using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Idempotency;
using Marketplace.Orders.Persistence;
using Marketplace.Orders.Checkout;
using Marketplace.Orders.Fulfilment;
using Marketplace.Orders.Payments;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Orders;

internal static class OrdersEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/checkout", PlaceOrders.Handle).Validate<CheckoutRequest>()
            .RequireIdempotencyKey<OrdersDbContext, CheckoutRequest>("checkout")
            .WithTags("Checkout").WithName("Checkout_PlaceOrders").RequireAuthorization()
            .Produces<CheckoutResponse>(StatusCodes.Status201Created)
            .ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Turn your cart into one order per shop and reserve the stock.")
            .WithDescription("Needs an Idempotency-Key header: a retry with the same key and body returns the same result, a " +
                             "different body with the same key is 422. All lines are reserved or none (409 with the short lines). " +
                             "paymentMethod manual (bank transfer, confirmed by the shop) or stripe: a PaymentIntent's client secret " +
                             "comes back for Stripe.js, or, with successUrl and cancelUrl, the checkoutUrl of Stripe's hosted Checkout " +
                             "page (for apps without Stripe.js; {ORDER_GROUP_ID} in the addresses is replaced by the group's id). " +
                             "Unpaid orders release their stock when the payment window closes.");
        api.MapGet("/checkout/payment-methods", PaymentMethods.Handle)
            .WithTags("Checkout").WithName("Checkout_PaymentMethods").AllowAnonymous()
            .WithSummary("The payment methods checkout accepts here.")
            .WithDescription("manual always; stripe when card payments are configured on this marketplace.");

        var orders = api.MapGroup("/orders").WithTags("Orders").RequireAuthorization();
        orders.MapGet("", OrderQueries.ListMine)
            .WithName("Orders_ListMine").ProducesProblem(400)
            .WithSummary("Your orders, newest first.")
            .WithDescription("Filter with ?status=pending_payment|paid|shipped|completed|cancelled and ?orderGroupId= (the orders " +
                             "of one checkout); paged.");
        orders.MapGet("/{id:guid}", OrderQueries.Get)
            .WithName("Orders_Get").ProducesProblem(404)
            .WithSummary("One order, with its history.")
            .WithDescription("For its shopper, its shop's owner, or an admin; 404 for anyone else (an order's existence is not revealed).");
        orders.MapPost("/{id:guid}/confirm-payment", OrderActions.ConfirmPayment)
            .WithName("Orders_ConfirmPayment").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Manual payment: the shop's owner confirms the money arrived.")
            .WithDescription("The order becomes paid and its reserved stock sold. Repeating it changes nothing; 409 when the order " +
                             "is no longer awaiting payment.");
        orders.MapPost("/{id:guid}/ship", ShipOrder.Handle).Validate<ShipOrderRequest>()
            .WithName("Orders_Ship").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("The shop's owner hands a paid order to a courier.")
            .WithDescription("With the carrier and tracking number the shopper sees. 409 unless the order is paid.");
        orders.MapPost("/{id:guid}/complete", OrderActions.Complete)
            .WithName("Orders_Complete").ProducesProblem(404).ProducesProblem(409)
            .WithSummary("A shipped order arrived.")
            .WithDescription("Its shopper says the parcel arrived (or its shop's owner or an admin closes it). 409 unless the order is shipped.");
        orders.MapPost("/{id:guid}/cancel", CancelOrder.Handle)
            .WithName("Orders_Cancel").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Cancel an order that has not shipped.")
            .WithDescription("By its shopper, its shop's owner or an admin. Its stock goes back; a card payment is refunded. " +
                             "An optional reason (at most 200 characters). 409 once shipped, and 409 `orders.refund_pending` (with Retry-After, " +
                             "nothing changed) while a card refund of the order waits for Stripe's answer.");

        api.MapPost("/payments/stripe/webhook", StripeWebhook.Handle)
            .WithTags("Payments").WithName("Payments_StripeWebhook").AllowAnonymous()
            .Accepts<string>("application/json")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(503)
            .WithSummary("Stripe's webhook.")
            .WithDescription("payment_intent.succeeded, payment_intent.payment_failed and charge.refunded. Authenticated by the " +
                             "Stripe-Signature header (400 when it does not verify), not by a token; each event is applied once. " +
                             "503 while webhooks are not configured.");

        api.MapGet("/shops/{shopId:guid}/orders", OrderQueries.ListForShop)
            .WithTags("Orders").WithName("Orders_ListForShop").RequireAuthorization(Policies.Merchant)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("A shop's orders for its owner, newest first.")
            .WithDescription("Filter with ?status=pending_payment|paid|shipped|completed|cancelled; paged. Owner only.");
    }
}
