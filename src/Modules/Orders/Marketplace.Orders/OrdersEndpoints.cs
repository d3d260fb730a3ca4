using Marketplace.BuildingBlocks.Http;
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
            .WithTags("Checkout").RequireAuthorization()
            .Produces<CheckoutResponse>(StatusCodes.Status201Created)
            .ProducesProblem(401).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Turn your cart into one order per shop and reserve the stock. Needs an Idempotency-Key header: a retry with the same key and body returns the same result.");

        var orders = api.MapGroup("/orders").WithTags("Orders").RequireAuthorization();
        orders.MapGet("", OrderQueries.ListMine)
            .ProducesProblem(400).ProducesProblem(401)
            .WithSummary("Your orders, newest first (?status=pending_payment|paid|shipped|completed|cancelled, paged).");
        orders.MapGet("/{id:guid}", OrderQueries.Get)
            .ProducesProblem(404)
            .WithSummary("One order, with its history (for its shopper, its shop's owner, or an admin).");
        orders.MapPost("/{id:guid}/confirm-payment", OrderActions.ConfirmPayment)
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Manual payment: the shop's owner confirms the money arrived; the order becomes paid and its stock sold. Repeating it changes nothing.");
        orders.MapPost("/{id:guid}/ship", OrderActions.Ship).Validate<ShipOrderRequest>()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("The shop's owner hands a paid order to a courier (carrier, tracking number).");
        orders.MapPost("/{id:guid}/complete", OrderActions.Complete)
            .ProducesProblem(404).ProducesProblem(409)
            .WithSummary("A shipped order arrived.");
        orders.MapPost("/{id:guid}/cancel", OrderActions.Cancel)
            .ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Cancel an order that has not shipped (shopper, shop owner or admin); its stock goes back, a card payment is refunded.");

        api.MapPost("/payments/stripe/webhook", StripeWebhook.Handle)
            .WithTags("Payments").AllowAnonymous()
            .Accepts<string>("application/json")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(503)
            .WithSummary("Stripe's webhook (payment_intent.succeeded, payment_intent.payment_failed, charge.refunded). Verified with Stripe-Signature; each event applied once.");

        api.MapGet("/shops/{shopId:guid}/orders", OrderQueries.ListForShop)
            .WithTags("Orders").RequireAuthorization(Policies.Merchant)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("A shop's orders for its owner, newest first (?status=…, paged).");
    }
}
