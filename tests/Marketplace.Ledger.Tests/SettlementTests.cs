using System.Text.Json.Nodes;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Ledger.Tests;

[Collection(LedgerCollection.Name)]
public sealed class SettlementTestsOnSqlite(LedgerApp app) : SettlementTests(app);

[Collection(LedgerPostgresCollection.Name)]
public sealed class SettlementTestsOnPostgres(LedgerAppOnPostgres app) : SettlementTests(app);

/// <summary>Paid orders to pending, completion to available, cancellations and refunds reversed exactly — to the sen.</summary>
public abstract class SettlementTests(LedgerApp app)
{
    [Fact]
    public async Task A_two_shop_card_order_with_a_marketplace_voucher_credits_each_shop_and_the_platform_exactly()
    {
        var admin = await app.AdminAsync();
        // Kriya at 7.5 %; kuliner stays at the default 5 %.
        await (await admin.PutAsync("/api/v1/ledger/commission-rates/subsectors/kriya", new { rateBps = 750 })).ShouldHaveStatusAsync(200);
        var code = ("MP" + Guid.NewGuid().ToString("N"))[..16].ToUpperInvariant();
        await (await admin.PostAsync("/api/v1/vouchers", new
        {
            code, kind = "fixed", value = 1_800_000, validFrom = DateTimeOffset.UtcNow.AddHours(-1), validUntil = DateTimeOffset.UtcNow.AddDays(1), usageLimit = 10,
        })).ShouldHaveStatusAsync(201);
        var batik = await app.ShopWithProductAsync(price: 2_500_000, shipping: 1_000_000, subsector: "kriya");
        var pempek = await app.ShopWithProductAsync(price: 4_000_000, shipping: 2_000_000, subsector: "kuliner");
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddToCartAsync(batik.ProductId, 2);
        await shopper.AddToCartAsync(pempek.ProductId, 1);
        var placed = await shopper.CheckoutAsync("stripe", code);
        // Rp 1.800.000 off, split 5:4 by subtotal: Rp 1.000.000 on the batik order, Rp 800.000 on the pempek one.
        Assert.Equal(1_800_000, placed.Amount("discount"));
        Assert.Equal(10_200_000, placed.Amount("total"));
        await app.PayByCardAsync(placed);
        await app.DrainOutboxAsync();

        // The platform pays a marketplace voucher: each shop is credited the full price, less commission on it, plus shipping.
        // Batik: 5.000.000 − 7.5 % (375.000) + 1.000.000 = 5.625.000. Pempek: 4.000.000 − 5 % (200.000) + 2.000.000 = 5.800.000.
        Assert.Equal((5_625_000L, 0L, 0L, 0L), await batik.Merchant.BalanceAsync(batik.ShopId));
        Assert.Equal((5_800_000L, 0L, 0L, 0L), await pempek.Merchant.BalanceAsync(pempek.ShopId));

        var batikOrder = placed.Orders().Single(o => o["shop"]!.Id() == batik.ShopId).Id();
        var statement = await batik.Merchant.GetJsonAsync($"/api/v1/shops/{batik.ShopId}/statement?account=pending");
        var credits = statement["items"]!.AsArray().Select(i => i!).ToList();
        Assert.All(credits, i => Assert.Equal(batikOrder, i.G("orderId")));
        Assert.Equal(5_625_000, credits.Sum(i => i.Amount("amount")));
        Assert.Equal(5_625_000, statement["accounts"]![0]!.Amount("closing"));

        // Completion: pending → available, exactly.
        await batik.Merchant.ShipAndCompleteAsync(batikOrder);
        await app.DrainOutboxAsync();
        Assert.Equal((0L, 5_625_000L, 0L, 0L), await batik.Merchant.BalanceAsync(batik.ShopId));

        // One of the two batik units back, through Stripe: the shopper paid 4.000.000 for the line (after the voucher), half
        // is 2.000.000; the shop gives back its share of that unit — 2.000.000 + the platform's 500.000 voucher part −
        // 187.500 commission = 2.312.500 — and the platform its 187.500 commission, recovering 500.000 of voucher.
        var lineId = (await shopper.GetJsonAsync($"/api/v1/orders/{batikOrder}"))["lines"]![0]!.Id();
        var refund = await batik.Merchant.RefundAsync(batikOrder, new { reason = "Satu kain rusak dalam pengiriman", lines = new[] { new { lineId, quantity = 1 } } });
        await refund.ShouldHaveStatusAsync(201);
        var refunded = await refund.JsonAsync();
        Assert.Equal(2_000_000, refunded.Amount("amount"));
        Assert.Equal("stripe", refunded.S("method"));
        Assert.Equal(2_000_000, app.Stripe.RefundedOf(placed["payment"]!.S("paymentIntentId")));
        Assert.Equal((0L, 3_312_500L, 0L, 0L), await batik.Merchant.BalanceAsync(batik.ShopId));

        // The same line again for two units is more than is left; for one unit it is fine; then nothing is left.
        await (await batik.Merchant.RefundAsync(batikOrder, new { reason = "lagi", lines = new[] { new { lineId, quantity = 2 } } })).ShouldBeProblemAsync(422, "lines[0].quantity");
        await (await batik.Merchant.RefundAsync(batikOrder, new { reason = "lagi", lines = new[] { new { lineId, quantity = 1 } } })).ShouldHaveStatusAsync(201);
        await (await batik.Merchant.RefundAsync(batikOrder, new { reason = "lagi", lines = new[] { new { lineId, quantity = 1 } } })).ShouldBeProblemAsync(409, "lines[0].lineId");
        // Both units back: the whole line share (5.000.000 − 375.000) left; shipping (1.000.000) stays with the shop.
        Assert.Equal((0L, 1_000_000L, 0L, 0L), await batik.Merchant.BalanceAsync(batik.ShopId));
        Assert.Equal(4_000_000, app.Stripe.RefundedOf(placed["payment"]!.S("paymentIntentId")));

        var report = await admin.GetJsonAsync("/api/v1/ledger/reports/commission");
        Assert.Contains(report["rows"]!.AsArray(), r => r!.S("subsector") == "kuliner" && r!.Amount("commission") >= 200_000);
        Assert.True((await app.ReconcileAsync())["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_shop_voucher_is_borne_by_the_shop_and_commission_is_on_the_discounted_price()
    {
        var shop = await app.ShopWithProductAsync(price: 1_000_000, shipping: 0, subsector: "fashion");
        var code = ("SV" + Guid.NewGuid().ToString("N"))[..16].ToUpperInvariant();
        await (await shop.Merchant.PostAsync($"/api/v1/shops/{shop.ShopId}/vouchers", new
        {
            code, kind = "percentage", value = 10, validFrom = DateTimeOffset.UtcNow.AddHours(-1), validUntil = DateTimeOffset.UtcNow.AddDays(1), usageLimit = 10,
        })).ShouldHaveStatusAsync(201);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddToCartAsync(shop.ProductId, 3);
        var placed = await shopper.CheckoutAsync("manual", code);
        var order = placed.Orders().Single().Id();
        await (await shop.Merchant.PostAsync($"/api/v1/orders/{order}/confirm-payment")).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();

        // 3.000.000 − 10 % = 2.700.000 paid; 5 % of that = 135.000 commission; the shop keeps 2.565.000.
        Assert.Equal((2_565_000L, 0L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));
    }

    [Fact]
    public async Task An_exhibition_override_waives_the_fee_for_lines_sold_from_its_booths_and_a_later_change_does_not_rewrite_history()
    {
        var admin = await app.AdminAsync();
        var shop = await app.ShopWithProductAsync(price: 2_000_000, shipping: 0, subsector: "seni-rupa");
        var (boothId, exhibitionId) = await ExhibitionBoothAsync(shop);
        await (await admin.PutAsync($"/api/v1/ledger/commission-rates/exhibitions/{exhibitionId}", new { rateBps = 0 })).ShouldHaveStatusAsync(200);

        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddToCartAsync(shop.ProductId, 1, boothId);
        await shopper.AddToCartAsync(await shop.Merchant.AddProductAsync(shop.ShopId, 1_000_000, "seni-rupa"), 1);
        var placed = await shopper.CheckoutAsync();

        // The rate changes after checkout, before payment: the order keeps the rates in force when it was placed.
        await (await admin.PutAsync("/api/v1/ledger/commission-rates/subsectors/seni-rupa", new { rateBps = 2_000 })).ShouldHaveStatusAsync(200);
        await (await shop.Merchant.PostAsync($"/api/v1/orders/{placed.Orders().Single().Id()}/confirm-payment")).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();

        // Booth line: 0 %; the other line: the 5 % default in force at checkout (not the 20 % set afterwards).
        Assert.Equal((2_000_000L + 950_000L, 0L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));
        await (await admin.PutAsync("/api/v1/ledger/commission-rates/subsectors/seni-rupa", new { rateBps = 500 })).ShouldHaveStatusAsync(200);
    }

    private async Task<(Guid BoothId, Guid ExhibitionId)> ExhibitionBoothAsync(Flows.Shop shop)
    {
        var organiser = await app.SignUpAsync("organiser");
        var created = await organiser.PostAsync("/api/v1/exhibitions", new
        {
            title = "Pameran " + Guid.NewGuid().ToString("N")[..6],
            cityCode = "35.73",
            startsAt = DateTimeOffset.UtcNow.AddHours(-1),
            endsAt = DateTimeOffset.UtcNow.AddDays(5),
            subsectors = new[] { "seni-rupa" },
            tiers = new[] { new { name = "Reguler", capacity = 10 } },
            halls = new[] { new { name = "Hall A" } },
        });
        await created.ShouldHaveStatusAsync(201);
        var exhibitionId = (await created.JsonAsync()).Id();
        await (await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/publish")).ShouldHaveStatusAsync(200);
        var applied = await shop.Merchant.PostAsync($"/api/v1/exhibitions/{exhibitionId}/booth-applications", new
        {
            shopId = shop.ShopId, tier = "Reguler", hall = "Hall A", pitch = "Lukisan kain khas Palembang", productIds = new[] { shop.ProductId },
        });
        await applied.ShouldHaveStatusAsync(201);
        var approved = await organiser.PostAsync($"/api/v1/booth-applications/{(await applied.JsonAsync()).Id()}/approve");
        await approved.ShouldHaveStatusAsync(200);
        var booth = (await approved.JsonAsync())["booth"]!;
        return (booth.Id(), booth.G("exhibitionId"));
    }

    [Fact]
    public async Task A_cancelled_paid_order_is_reversed_exactly_and_an_event_delivered_twice_is_posted_once()
    {
        var shop = await app.ShopWithProductAsync(price: 3_333_333, shipping: 777_777);
        var order = await app.PaidManualOrderAsync(shop, 3);
        await app.DrainOutboxAsync();
        // 9.999.999 × 95 % rounded half up: commission 500.000 (499.999,95 → 500.000).
        Assert.Equal((9_499_999L + 777_777L, 0L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));

        // The same OrderPaid delivered again (as an at-least-once outbox may): nothing changes.
        var paid = app.PaidEvents.Single(e => e.OrderId == order.Id());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            foreach (var handler in scope.ServiceProvider.GetServices<IIntegrationEventHandler<OrderPaid>>())
            {
                await handler.HandleAsync(paid, CancellationToken.None);
            }
        }

        Assert.Equal((10_277_776L, 0L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));

        // A partial manual refund, then the cancellation reverses what is left — not the whole order again.
        var lineId = order["lines"]![0]!.Id();
        var refund = await shop.Merchant.RefundAsync(order.Id(), new { reason = "Kurang satu", lines = new[] { new { lineId, quantity = 1 } }, transferReference = "BCA-123" });
        await refund.ShouldHaveStatusAsync(201);
        Assert.Equal("manual", (await refund.JsonAsync()).S("method"));
        await (await shop.Merchant.PostAsync($"/api/v1/orders/{order.Id()}/cancel", new { reason = "Stok habis" })).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();
        Assert.Equal((0L, 0L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));
        await (await shop.Merchant.RefundAsync(order.Id(), new { reason = "lagi" })).ShouldBeProblemAsync(409);
        Assert.True((await app.ReconcileAsync())["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_shipped_order_nobody_completes_becomes_available_after_the_configured_days()
    {
        var shop = await app.ShopWithProductAsync(price: 1_000_000, shipping: 0);
        var order = await app.PaidManualOrderAsync(shop, 1);
        await (await shop.Merchant.PostAsync($"/api/v1/orders/{order.Id()}/ship", new { carrier = "JNE", trackingNumber = "CGK1" })).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();
        Assert.Equal((950_000L, 0L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));

        app.Clock.Advance(TimeSpan.FromDays(8));
        try
        {
            await Eventually.HoldsAsync(async () => (await shop.Merchant.BalanceAsync(shop.ShopId)).Available == 950_000, TimeSpan.FromSeconds(10), "the release job moves it");
        }
        finally
        {
            app.Clock.Reset();
        }

        Assert.Equal((0L, 950_000L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));
    }

    [Fact]
    public async Task Refund_edges_are_clear_problems_and_change_nothing()
    {
        var shop = await app.ShopWithProductAsync(price: 1_000_000, shipping: 500_000);
        var other = await app.ShopWithProductAsync(price: 1_000_000, shipping: 0);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddToCartAsync(shop.ProductId, 2);
        var unpaid = (await shopper.CheckoutAsync()).Orders().Single();
        await (await shop.Merchant.RefundAsync(unpaid.Id(), new { reason = "x" })).ShouldBeProblemAsync(409, code: "ledger.order_not_paid");

        var order = await app.PaidManualOrderAsync(shop, 2, shopper);
        await app.DrainOutboxAsync();
        var lineId = order["lines"]![0]!.Id();
        await (await other.Merchant.RefundAsync(order.Id(), new { reason = "bukan toko saya" })).ShouldBeProblemAsync(404);
        await (await shopper.RefundAsync(order.Id(), new { reason = "saya pembeli" })).ShouldBeProblemAsync(404);
        await (await shop.Merchant.RefundAsync(order.Id(), new { reason = "nol", lines = new[] { new { lineId, quantity = 0 } } })).ShouldBeProblemAsync(400, "lines[0].quantity");
        await (await shop.Merchant.RefundAsync(order.Id(), new { reason = "negatif", lines = new[] { new { lineId, quantity = -1 } } })).ShouldBeProblemAsync(400, "lines[0].quantity");
        await (await shop.Merchant.RefundAsync(order.Id(), new { reason = "kebanyakan", lines = new[] { new { lineId, quantity = 3 } } })).ShouldBeProblemAsync(422, "lines[0].quantity");
        await (await shop.Merchant.RefundAsync(order.Id(), new { reason = "asing", lines = new[] { new { lineId = Guid.NewGuid(), quantity = 1 } } })).ShouldBeProblemAsync(422, "lines[0].lineId");
        await (await shop.Merchant.RefundAsync(order.Id(), new { reason = "" })).ShouldBeProblemAsync(400, "reason");
        await (await shop.Merchant.RefundAsync(order.Id(), new { reason = "kartu", method = "stripe" })).ShouldBeProblemAsync(422, "method");
        await (await shop.Merchant.PostWithKeyAsync($"/api/v1/orders/{order.Id()}/refunds", new { reason = "tanpa kunci" })).ShouldBeProblemAsync(400, "Idempotency-Key");
        await (await shop.Merchant.RefundAsync(Guid.NewGuid(), new { reason = "tidak ada" })).ShouldBeProblemAsync(404);
        Assert.Equal((2_400_000L, 0L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));

        // A full refund with a key, retried with the same key: one refund, the same answer; with another body: 422.
        var key = Guid.NewGuid().ToString();
        var body = new { reason = "<script>alert(1)</script> Pesanan batal", returnStock = true };
        var first = await shop.Merchant.RefundAsync(order.Id(), body, key);
        await first.ShouldHaveStatusAsync(201);
        var firstJson = await first.JsonAsync();
        Assert.Equal(2_500_000, firstJson.Amount("amount"));
        Assert.True(firstJson["shipping"]!.GetValue<bool>());
        var again = await shop.Merchant.RefundAsync(order.Id(), body, key);
        await again.ShouldHaveStatusAsync(201);
        Assert.Equal(firstJson.Id(), (await again.JsonAsync()).Id());
        await (await shop.Merchant.RefundAsync(order.Id(), new { reason = "lain" }, key)).ShouldBeProblemAsync(422, "Idempotency-Key");
        await (await shop.Merchant.RefundAsync(order.Id(), new { reason = "semua lagi" })).ShouldBeProblemAsync(409, code: "ledger.nothing_to_refund");
        Assert.Single((await shopper.GetJsonAsync($"/api/v1/orders/{order.Id()}/refunds")).AsArray());
        Assert.Equal((0L, 0L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));

        // returnStock: the two refunded units are on sale again (1000 − 2 held by the unpaid order − 2 sold + 2 returned).
        await app.DrainOutboxAsync();
        Assert.Equal(998, (await app.Anonymous().GetJsonAsync($"/api/v1/products/{shop.ProductId}"))["stock"]!.GetValue<int>());
    }
}
