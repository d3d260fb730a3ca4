using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Commerce.Tests;

[Collection(AppCollection.Name)]
public sealed class StripeTestsOnSqlite(CommerceApp app) : StripeTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class StripeTestsOnPostgres(CommerceAppOnPostgres app) : StripeTests(app);

/// <summary>Card payments against a local double of Stripe's API, with webhooks signed as Stripe signs them.</summary>
public abstract class StripeTests(CommerceApp app)
{
    private async Task<(ApiClient Merchant, Guid ProductA, Guid ProductB, ApiClient Shopper, JsonNode Placed)> StripeCheckoutAsync(int stock = 10)
    {
        var (merchant, _, productA) = await app.MerchantWithProductAsync(stock: stock, price: 2_500_000, shipping: 1_000_000);
        var (_, _, productB) = await app.MerchantWithProductAsync(stock: stock, price: 4_000_000, shipping: 2_000_000);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productA, 2);
        await shopper.AddOkAsync(productB, 1);
        var placed = await shopper.CheckoutOkAsync(Fixtures.CheckoutBody("stripe"));
        return (merchant, productA, productB, shopper, placed);
    }

    private Task<HttpResponseMessage> DeliverAsync(string payload, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return app.Anonymous().Http.SendAsync(request);
    }

    private Task<HttpResponseMessage> DeliverAsync((string Payload, string Signature) signed) => DeliverAsync(signed.Payload, signed.Signature);

    private static IEnumerable<JsonNode> Orders(JsonNode placed) => placed["orders"]!.AsArray().Select(o => o!);

    private static async Task<string[]> StatusesAsync(ApiClient shopper, JsonNode placed)
    {
        var statuses = new List<string>();
        foreach (var order in Orders(placed))
        {
            statuses.Add((await shopper.GetJsonAsync($"/api/v1/orders/{order.Id()}")).S("status"));
        }

        return statuses.ToArray();
    }

    [Fact]
    public async Task Checkout_creates_one_PaymentIntent_per_group_in_IDR_minor_units_and_returns_its_client_secret()
    {
        var (_, _, _, _, placed) = await StripeCheckoutAsync();
        var payment = placed["payment"]!;
        Assert.Equal("stripe", payment.S("method"));
        var intentId = payment.S("paymentIntentId");
        var intent = app.Stripe.PaymentIntents[intentId];
        Assert.Equal(intent["client_secret"]!.GetValue<string>(), payment.S("clientSecret"));
        // 2 × Rp 25.000 + Rp 10.000 shipping + Rp 40.000 + Rp 20.000 shipping = Rp 120.000 = 12,000,000 minor units (×100).
        Assert.Equal(12_000_000, placed.Amount("total"));
        Assert.Equal(12_000_000, intent["amount"]!.GetValue<long>());
        Assert.Equal("idr", intent["currency"]!.GetValue<string>());
        Assert.Equal(placed.S("orderGroupId"), intent["metadata"]!["orderGroupId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_signed_succeeded_webhook_pays_every_order_of_the_group_once_even_replayed_five_times()
    {
        var (_, productA, _, shopper, placed) = await StripeCheckoutAsync();
        var intentId = placed["payment"]!.S("paymentIntentId");
        var delivery = StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId));

        for (var i = 0; i < 5; i++)
        {
            await (await DeliverAsync(delivery)).ShouldHaveStatusAsync(200);
        }

        // The same event with a new id (Stripe retrying after a lost response is a replay; a duplicate event is not).
        var duplicate = StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId));
        await (await DeliverAsync(duplicate)).ShouldHaveStatusAsync(200);

        Assert.Equal(["paid", "paid"], await StatusesAsync(shopper, placed));
        await app.DrainOutboxAsync();
        foreach (var order in Orders(placed))
        {
            Assert.Single(app.Events.Of<OrderPaid>(), e => e.OrderId == order.Id());
            var history = (await shopper.GetJsonAsync($"/api/v1/orders/{order.Id()}"))["history"]!.AsArray();
            Assert.Equal("stripe", history.Last()!.S("actorRole"));
        }

        Assert.Equal(8, await app.StockOfAsync(productA));
    }

    [Fact]
    public async Task A_bad_signature_is_a_400_and_changes_nothing()
    {
        var (_, _, _, shopper, placed) = await StripeCheckoutAsync();
        var intentId = placed["payment"]!.S("paymentIntentId");
        var forged = StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId), secret: "whsec_someone_else");
        await (await DeliverAsync(forged)).ShouldBeProblemAsync(400, "Stripe-Signature", "payments.bad_signature");

        var genuine = StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId));
        var tampered = genuine.Payload.Replace("\"livemode\":false", "\"livemode\":true", StringComparison.Ordinal);
        Assert.NotEqual(genuine.Payload, tampered);
        await (await DeliverAsync(tampered, genuine.Signature)).ShouldBeProblemAsync(400, "Stripe-Signature");
        await (await DeliverAsync(genuine.Payload, "")).ShouldBeProblemAsync(400, "Stripe-Signature");
        var stale = StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId), at: DateTimeOffset.UtcNow.AddMinutes(-10));
        await (await DeliverAsync(stale)).ShouldBeProblemAsync(400, "Stripe-Signature");

        Assert.Equal(["pending_payment", "pending_payment"], await StatusesAsync(shopper, placed));
    }

    [Fact]
    public async Task An_unknown_PaymentIntent_is_a_404_problem_and_a_failed_payment_leaves_the_orders_pending()
    {
        var unknown = new JsonObject
        {
            ["id"] = "pi_unknown_" + Guid.NewGuid().ToString("N")[..8], ["object"] = "payment_intent", ["amount"] = 100, ["currency"] = "idr",
            ["status"] = "succeeded", ["metadata"] = new JsonObject(),
        };
        await (await DeliverAsync(StripeDouble.SignedEvent("payment_intent.succeeded", unknown))).ShouldBeProblemAsync(404, code: "payments.unknown_payment_intent");

        var (_, _, _, shopper, placed) = await StripeCheckoutAsync();
        var intentId = placed["payment"]!.S("paymentIntentId");
        await (await DeliverAsync(StripeDouble.SignedEvent("payment_intent.payment_failed", app.Stripe.Failed(intentId)))).ShouldHaveStatusAsync(200);
        Assert.Equal(["pending_payment", "pending_payment"], await StatusesAsync(shopper, placed));

        // Out of order: the success arriving after the failure still pays.
        await (await DeliverAsync(StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId)))).ShouldHaveStatusAsync(200);
        Assert.Equal(["paid", "paid"], await StatusesAsync(shopper, placed));
    }

    [Fact]
    public async Task Cancelling_a_paid_card_order_refunds_its_part_and_returns_its_stock()
    {
        var (merchant, productA, _, _, placed) = await StripeCheckoutAsync();
        var intentId = placed["payment"]!.S("paymentIntentId");
        await (await DeliverAsync(StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId)))).ShouldHaveStatusAsync(200);
        var orderA = Orders(placed).Single(o => o["lines"]![0]!.G("productId") == productA);

        await (await merchant.PostAsync($"/api/v1/orders/{orderA.Id()}/confirm-payment")).ShouldBeProblemAsync(409, code: "orders.not_manual_payment");
        (await merchant.PostAsync($"/api/v1/orders/{orderA.Id()}/cancel", new { reason = "Stok rusak" })).EnsureSuccessStatusCode();

        var refund = Assert.Single(app.Stripe.Refunds, r => r["payment_intent"]!.GetValue<string>() == intentId);
        Assert.Equal(orderA.Amount("total"), refund["amount"]!.GetValue<long>());
        Assert.Equal(10, await app.StockOfAsync(productA));

        // Stripe then reports the partial refund; nothing else moves.
        var charge = app.Stripe.RefundedCharge(intentId);
        charge["refunded"] = false;
        charge["amount_refunded"] = orderA.Amount("total");
        await (await DeliverAsync(StripeDouble.SignedEvent("charge.refunded", charge))).ShouldHaveStatusAsync(200);
        Assert.Single(app.Stripe.Refunds, r => r["payment_intent"]!.GetValue<string>() == intentId);
    }

    [Fact]
    public async Task A_full_refund_made_outside_cancels_the_paid_orders_and_returns_the_stock()
    {
        var (_, productA, productB, shopper, placed) = await StripeCheckoutAsync();
        var intentId = placed["payment"]!.S("paymentIntentId");
        await (await DeliverAsync(StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId)))).ShouldHaveStatusAsync(200);
        await (await DeliverAsync(StripeDouble.SignedEvent("charge.refunded", app.Stripe.RefundedCharge(intentId)))).ShouldHaveStatusAsync(200);

        Assert.Equal(["cancelled", "cancelled"], await StatusesAsync(shopper, placed));
        Assert.Equal(10, await app.StockOfAsync(productA));
        Assert.Equal(10, await app.StockOfAsync(productB));
        Assert.DoesNotContain(app.Stripe.Refunds, r => r["payment_intent"]!.GetValue<string>() == intentId); // Already refunded: we add none.
    }

    [Fact]
    public async Task A_webhook_racing_a_cancel_lets_exactly_one_win_and_refunds_what_it_must()
    {
        for (var round = 0; round < 3; round++)
        {
            var (_, productA, _, shopper, placed) = await StripeCheckoutAsync();
            var intentId = placed["payment"]!.S("paymentIntentId");
            var orderA = Orders(placed).Single(o => o["lines"]![0]!.G("productId") == productA);
            var delivery = StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId));

            var webhook = Task.Run(() => DeliverAsync(delivery));
            var cancel = Task.Run(() => shopper.PostAsync($"/api/v1/orders/{orderA.Id()}/cancel"));
            var webhookResponse = await webhook;
            var cancelResponse = await cancel;
            await webhookResponse.ShouldHaveStatusAsync(200);

            var status = (await shopper.GetJsonAsync($"/api/v1/orders/{orderA.Id()}")).S("status");
            var refunds = app.Stripe.Refunds.Count(r => r["payment_intent"]!.GetValue<string>() == intentId);
            if (cancelResponse.IsSuccessStatusCode)
            {
                // The cancel won (before or after the payment): the money for this order goes back, once.
                Assert.Equal("cancelled", status);
                Assert.Equal(1, refunds);
                Assert.Equal(10, await app.StockOfAsync(productA));
            }
            else
            {
                // The payment won first and the cancel saw a stale status: the order is paid, nothing refunded.
                await cancelResponse.ShouldBeProblemAsync(409);
                Assert.Equal("paid", status);
                Assert.Equal(0, refunds);
                Assert.Equal(8, await app.StockOfAsync(productA));
            }

            await app.DrainOutboxAsync();
            Assert.True(app.Events.Of<OrderPaid>().Count(e => e.OrderId == orderA.Id()) <= 1);
        }
    }

    [Fact]
    public async Task A_webhook_arriving_before_the_checkout_response_pays_the_group_once()
    {
        var (_, _, productId) = await app.MerchantWithProductAsync(stock: 5);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productId, 2);
        HttpResponseMessage? early = null;
        app.Stripe.OnPaymentIntentCreated = async intent =>
        {
            app.Stripe.OnPaymentIntentCreated = null;
            early = await DeliverAsync(StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intent["id"]!.GetValue<string>())));
        };
        var key = Guid.NewGuid().ToString();
        var response = await shopper.CheckoutAsync(key, Fixtures.CheckoutBody("stripe"));
        await response.ShouldHaveStatusAsync(201);
        Assert.NotNull(early);
        await early.ShouldHaveStatusAsync(200);
        var placed = await response.JsonAsync();

        Assert.Equal(["paid"], await StatusesAsync(shopper, placed));
        var retried = await shopper.CheckoutAsync(key, Fixtures.CheckoutBody("stripe"));
        Assert.Equal(placed.S("orderGroupId"), (await retried.JsonAsync()).S("orderGroupId"));
        var intentId = placed["payment"]!.S("paymentIntentId");
        await (await DeliverAsync(StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId)))).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();
        Assert.Single(app.Events.Of<OrderPaid>(), e => e.OrderGroupId == placed.G("orderGroupId"));
        Assert.Equal(3, await app.StockOfAsync(productId));
        Assert.Single(app.Stripe.PaymentIntents.Values, pi => pi["metadata"]!["orderGroupId"]!.GetValue<string>() == placed.S("orderGroupId"));
    }

    [Fact]
    public async Task Money_arriving_after_the_payment_window_closed_is_refunded_and_the_order_stays_cancelled()
    {
        var (_, productId, _, shopper, placed) = await StripeCheckoutAsync(stock: 5);
        var intentId = placed["payment"]!.S("paymentIntentId");
        try
        {
            app.Clock.Advance(TimeSpan.FromMinutes(31));
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<IStockReservations>().ReleaseExpiredAsync(CancellationToken.None);
            }

            await (await DeliverAsync(StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId)))).ShouldHaveStatusAsync(200);
        }
        finally
        {
            app.Clock.Reset();
        }

        Assert.Equal(["cancelled", "cancelled"], await StatusesAsync(shopper, placed));
        Assert.Equal(5, await app.StockOfAsync(productId));
        var refunds = app.Stripe.Refunds.Where(r => r["payment_intent"]!.GetValue<string>() == intentId).Select(r => r["amount"]!.GetValue<long>()).Order().ToArray();
        Assert.Equal(Orders(placed).Select(o => o.Amount("total")).Order().ToArray(), refunds);
        await app.DrainOutboxAsync();
        Assert.DoesNotContain(app.Events.Of<OrderPaid>(), e => e.OrderGroupId == placed.G("orderGroupId"));
    }

    [Fact]
    public async Task Stripe_being_down_at_checkout_is_a_503_that_reserves_nothing()
    {
        var (_, _, productId) = await app.MerchantWithProductAsync(stock: 4);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productId, 3);
        app.Stripe.Failing = true;
        try
        {
            await (await shopper.CheckoutAsync(Guid.NewGuid().ToString(), Fixtures.CheckoutBody("stripe"))).ShouldBeProblemAsync(503, code: "payments.provider_unavailable");
        }
        finally
        {
            app.Stripe.Failing = false;
        }

        Assert.Equal(4, await app.StockOfAsync(productId));
        Assert.Single((await shopper.GetJsonAsync("/api/v1/cart"))["shops"]!.AsArray());
        await shopper.CheckoutOkAsync(Fixtures.CheckoutBody("stripe"));
        Assert.Equal(1, await app.StockOfAsync(productId));
    }
}
