namespace Marketplace.Ledger.Tests;

[Collection(LedgerCollection.Name)]
public sealed class RefundRecoveryTestsOnSqlite(LedgerApp app) : RefundRecoveryTests(app);

[Collection(LedgerPostgresCollection.Name)]
public sealed class RefundRecoveryTestsOnPostgres(LedgerAppOnPostgres app) : RefundRecoveryTests(app);

/// <summary>
/// A card refund whose Stripe answer is lost (Stripe made the refund, the API saw a 500): the money may be back, so the
/// refund is neither undone (the units could be refunded twice) nor posted (Stripe might not have refunded) — it stays
/// pending, and is settled by a retry with the same Idempotency-Key or by the ledger job: the refund Stripe made is found
/// by its id and posted once. (The crash of the process between the two steps: Marketplace.Faults.Tests.)
/// </summary>
public abstract class RefundRecoveryTests(LedgerApp app)
{
    [Fact]
    public async Task A_refund_whose_stripe_answer_was_lost_stays_pending_and_a_retry_with_the_same_key_returns_the_one_refund_stripe_made()
    {
        var (shop, shopper, orderId, intentId) = await PaidByCardAsync(price: 1_000_000, quantity: 2);
        var lineId = (await shopper.GetJsonAsync($"/api/v1/orders/{orderId}"))["lines"]![0]!.Id();
        var before = await shop.Merchant.BalanceAsync(shop.ShopId);
        var key = Guid.NewGuid().ToString();
        var body = new { reason = "Kemasan penyok", lines = new[] { new { lineId, quantity = 1 } } };

        app.Stripe.LoseRefundAnswers = true;
        try
        {
            await (await shop.Merchant.RefundAsync(orderId, body, key)).ShouldBeProblemAsync(503, code: "ledger.refund_pending");
        }
        finally
        {
            app.Stripe.LoseRefundAnswers = false;
        }

        // Stripe refunded; the ledger has not posted it; the unit stays claimed (a second refund of it is refused).
        Assert.Equal(1_000_000, app.Stripe.RefundedOf(intentId));
        Assert.Equal(before, await shop.Merchant.BalanceAsync(shop.ShopId));
        var pending = Assert.Single((await shop.Merchant.GetJsonAsync($"/api/v1/orders/{orderId}/refunds")).AsArray())!;
        Assert.Equal("pending", pending.S("status"));
        await (await shop.Merchant.RefundAsync(orderId, new { reason = "lagi", lines = new[] { new { lineId, quantity = 2 } } })).ShouldBeProblemAsync(422, "lines[0].quantity");
        // Within the grace period the first request may still be running: the same key says so.
        await (await shop.Merchant.RefundAsync(orderId, body, key)).ShouldBeProblemAsync(409, code: "ledger.refund_in_progress");

        // Past the grace period, the retry settles it: the refund Stripe made, found by its id, posted once.
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        try
        {
            var retried = await shop.Merchant.RefundAsync(orderId, body, key);
            await retried.ShouldHaveStatusAsync(201);
            var refund = await retried.JsonAsync();
            Assert.Equal(pending.Id(), refund.Id());
            Assert.Equal("completed", refund.S("status"));
            var stripeRefund = Assert.Single(app.Stripe.Refunds, r => r["payment_intent"]!.GetValue<string>() == intentId);
            Assert.Equal(stripeRefund["id"]!.GetValue<string>(), refund.S("providerRefundId"));

            // Once more with the same key: the same refund, nothing new at Stripe or in the ledger.
            var again = await (await shop.Merchant.RefundAsync(orderId, body, key)).JsonAsync();
            Assert.Equal(refund.Id(), again.Id());
            Assert.Equal(1_000_000, app.Stripe.RefundedOf(intentId));
            // The shop gives back its share of the unit: 1.000.000 less 5 % commission.
            var after = await shop.Merchant.BalanceAsync(shop.ShopId);
            Assert.Equal(before.Pending - 950_000, after.Pending);
        }
        finally
        {
            app.Clock.Reset();
        }

        Assert.True((await app.ReconcileAsync())["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_pending_refund_is_settled_by_the_ledger_job_without_any_retry()
    {
        var (shop, _, orderId, intentId) = await PaidByCardAsync(price: 700_000, quantity: 1);

        app.Stripe.LoseRefundAnswers = true;
        try
        {
            await (await shop.Merchant.RefundAsync(orderId, new { reason = "Salah kirim" })).ShouldBeProblemAsync(503, code: "ledger.refund_pending");
        }
        finally
        {
            app.Stripe.LoseRefundAnswers = false;
        }

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        try
        {
            await Eventually.HoldsAsync(async () =>
                    (await shop.Merchant.GetJsonAsync($"/api/v1/orders/{orderId}/refunds")).AsArray().Single()!.S("status") == "completed",
                TimeSpan.FromSeconds(30), "the ledger job completes the pending refund");
            Assert.Equal(700_000, app.Stripe.RefundedOf(intentId));
            Assert.Single(app.Stripe.Refunds, r => r["payment_intent"]!.GetValue<string>() == intentId);
            Assert.Equal((0L, 0L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));
        }
        finally
        {
            app.Clock.Reset();
        }

        // (Signed in with the real clock: a token issued "three minutes from now" is not valid yet.)
        Assert.True((await app.ReconcileAsync())["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Cancelling_an_order_while_its_card_refund_waits_for_stripe_is_a_409_that_changes_nothing_and_works_once_the_refund_is_settled()
    {
        var (shop, shopper, orderId, intentId) = await PaidByCardAsync(price: 1_000_000, quantity: 2);
        var lineId = (await shopper.GetJsonAsync($"/api/v1/orders/{orderId}"))["lines"]![0]!.Id();
        app.Stripe.LoseRefundAnswers = true;
        try
        {
            await (await shop.Merchant.RefundAsync(orderId, new { reason = "Satu pecah", lines = new[] { new { lineId, quantity = 1 } } }))
                .ShouldBeProblemAsync(503, code: "ledger.refund_pending");
        }
        finally
        {
            app.Stripe.LoseRefundAnswers = false;
        }

        var pendingRefund = Assert.Single((await shop.Merchant.GetJsonAsync($"/api/v1/orders/{orderId}/refunds")).AsArray())!;
        var balance = await shop.Merchant.BalanceAsync(shop.ShopId);
        var stock = (await app.Anonymous().GetJsonAsync($"/api/v1/products/{shop.ProductId}"))["stock"]!.GetValue<int>();

        // Neither the shopper nor the shop can cancel while Stripe's answer is unknown: a clear 409 naming the refund.
        foreach (var who in new[] { shopper, shop.Merchant })
        {
            var refused = await who.PostAsync($"/api/v1/orders/{orderId}/cancel", new { reason = "Tidak jadi" });
            var problem = await refused.ShouldBeProblemAsync(409, code: "orders.refund_pending");
            Assert.Contains(pendingRefund.Id().ToString(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        // Nothing changed: still paid, no new Stripe refund, the same balance and stock, the refund still pending.
        Assert.Equal("paid", (await shopper.GetJsonAsync($"/api/v1/orders/{orderId}")).S("status"));
        Assert.Equal(1_000_000, app.Stripe.RefundedOf(intentId));
        await app.DrainOutboxAsync();
        Assert.Equal(balance, await shop.Merchant.BalanceAsync(shop.ShopId));
        Assert.Equal(stock, (await app.Anonymous().GetJsonAsync($"/api/v1/products/{shop.ProductId}"))["stock"]!.GetValue<int>());
        Assert.Equal("pending", (await shop.Merchant.GetJsonAsync($"/api/v1/orders/{orderId}/refunds")).AsArray().Single()!.S("status"));

        // The ledger job settles the refund; then the cancel goes through and refunds exactly the rest.
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        try
        {
            await Eventually.HoldsAsync(async () =>
                    (await shop.Merchant.GetJsonAsync($"/api/v1/orders/{orderId}/refunds")).AsArray().Single()!.S("status") == "completed",
                TimeSpan.FromSeconds(30), "the ledger job completes the pending refund");
        }
        finally
        {
            app.Clock.Reset();
        }

        var cancelled = await shopper.PostAsync($"/api/v1/orders/{orderId}/cancel", new { reason = "Tidak jadi" });
        await cancelled.ShouldHaveStatusAsync(200);
        Assert.Equal("cancelled", (await cancelled.JsonAsync()).S("status"));
        Assert.Equal(2_000_000, app.Stripe.RefundedOf(intentId));
        await app.DrainOutboxAsync();
        Assert.Equal((0L, 0L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));
        Assert.True((await app.ReconcileAsync())["ok"]!.GetValue<bool>());
    }

    /// <summary>A shop's product bought by a new shopper and paid by card, its payment posted.</summary>
    private async Task<(Flows.Shop Shop, ApiClient Shopper, Guid OrderId, string IntentId)> PaidByCardAsync(long price, int quantity)
    {
        var shop = await app.ShopWithProductAsync(price, shipping: 0);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddToCartAsync(shop.ProductId, quantity);
        var placed = await shopper.CheckoutAsync("stripe");
        await app.PayByCardAsync(placed);
        await app.DrainOutboxAsync();
        return (shop, shopper, placed.Orders().Single().Id(), placed["payment"]!.S("paymentIntentId"));
    }
}
