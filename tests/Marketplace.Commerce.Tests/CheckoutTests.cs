using System.Text.Json.Nodes;
using Marketplace.Catalog.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Commerce.Tests;

[Collection(AppCollection.Name)]
public sealed class CheckoutTestsOnSqlite(CommerceApp app) : CheckoutTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class CheckoutTestsOnPostgres(CommerceAppOnPostgres app) : CheckoutTests(app);

public abstract class CheckoutTests(CommerceApp app)
{
    [Fact]
    public async Task Checkout_makes_one_order_per_shop_with_shipping_reserves_stock_and_empties_the_cart()
    {
        var merchantA = await app.SignUpAsync("merchant");
        var shopA = (await merchantA.CreateShopAsync(shipping: 10_000_00)).Id();
        var a1 = await merchantA.CreatePublishedProductAsync(shopA, "Pempek Lenjer", 2_000_000, 10);
        var a2 = await merchantA.CreatePublishedProductAsync(shopA, "Kerupuk Kemplang", 1_500_000, 10);
        var (_, shopB, b1) = await app.MerchantWithProductAsync(stock: 4, price: 30_000_000, shipping: 20_000_00);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(a1, 2);
        await shopper.AddOkAsync(a2, 1);
        await shopper.AddOkAsync(b1, 1);

        var placed = await shopper.CheckoutOkAsync();

        var orders = placed["orders"]!.AsArray();
        Assert.Equal(2, orders.Count);
        var orderA = orders.Single(o => o!["shop"]!.Id() == shopA)!;
        var orderB = orders.Single(o => o!["shop"]!.Id() == shopB)!;
        Assert.Equal("pending_payment", orderA.S("status"));
        Assert.Equal(5_500_000, orderA.Amount("subtotal"));
        Assert.Equal(1_000_000, orderA.Amount("shipping"));
        Assert.Equal(6_500_000, orderA.Amount("total"));
        Assert.Equal(32_000_000, orderB.Amount("total"));
        Assert.Equal(38_500_000, placed.Amount("total"));
        Assert.Equal("manual", placed["payment"]!.S("method"));
        Assert.Contains("confirm", placed["payment"]!.S("instructions"));
        Assert.All(orders, o => Assert.Equal(placed.G("orderGroupId"), o!.G("orderGroupId")));

        Assert.Equal(8, await app.StockOfAsync(a1));
        Assert.Equal(9, await app.StockOfAsync(a2));
        Assert.Equal(3, await app.StockOfAsync(b1));
        Assert.Empty((await shopper.GetJsonAsync("/api/v1/cart"))["shops"]!.AsArray());
        await (await shopper.CheckoutAsync(Guid.NewGuid().ToString())).ShouldBeProblemAsync(422, "cart", "checkout.cart_empty");
    }

    [Fact]
    public async Task The_same_Idempotency_Key_and_body_returns_the_same_result_and_orders_once()
    {
        var (_, _, productId) = await app.MerchantWithProductAsync(stock: 10);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productId, 3);
        var key = Guid.NewGuid().ToString();

        var first = await shopper.CheckoutAsync(key);
        await first.ShouldHaveStatusAsync(201);
        var retries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => shopper.CheckoutAsync(key)));
        var firstBody = await first.JsonAsync();
        foreach (var retry in retries)
        {
            await retry.ShouldHaveStatusAsync(201);
            Assert.Equal(firstBody.G("orderGroupId"), (await retry.JsonAsync()).G("orderGroupId"));
        }

        Assert.Equal(7, await app.StockOfAsync(productId));
        Assert.Single((await shopper.GetJsonAsync("/api/v1/orders"))["items"]!.AsArray());

        var otherBody = Fixtures.CheckoutBody("manual", voucherCode: "LAIN");
        await (await shopper.CheckoutAsync(key, otherBody)).ShouldBeProblemAsync(422, "Idempotency-Key", "checkout.idempotency_key_reused");
        await (await shopper.CheckoutAsync(null)).ShouldBeProblemAsync(400, "Idempotency-Key");
    }

    [Fact]
    public async Task Bad_checkout_input_is_a_400_naming_the_field_and_changes_nothing()
    {
        var (_, _, productId) = await app.MerchantWithProductAsync(stock: 10);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productId, 1);

        await (await shopper.CheckoutAsync("k1", new { paymentMethod = "manual" })).ShouldBeProblemAsync(400, "shippingAddress");
        await (await shopper.CheckoutAsync("k2", new
        {
            shippingAddress = new { recipient = "Siti", phone = "abc", line1 = "Jl. A", cityCode = "99.99", postalCode = "301" },
            paymentMethod = "bitcoin",
        })).ShouldBeProblemAsync(400, "shippingAddress.phone");
        var problem = await (await shopper.CheckoutAsync("k3", new
        {
            shippingAddress = new { recipient = "Siti", phone = "0812345678", line1 = "Jl. A", cityCode = "99.99", postalCode = "301" },
            paymentMethod = "bitcoin",
        })).ShouldBeProblemAsync(400, "paymentMethod");
        Assert.NotNull(problem["errors"]!["shippingAddress.cityCode"]);
        Assert.NotNull(problem["errors"]!["shippingAddress.postalCode"]);
        await (await app.Anonymous().CheckoutAsync("k4")).ShouldHaveStatusAsync(401);

        Assert.Equal(10, await app.StockOfAsync(productId));
        Assert.Single((await shopper.GetJsonAsync("/api/v1/cart"))["shops"]!.AsArray());
    }

    [Fact]
    public async Task A_product_that_became_unsellable_or_short_fails_the_whole_checkout_and_reserves_nothing()
    {
        var (merchant, _, ok) = await app.MerchantWithProductAsync(stock: 10);
        var (_, _, scarce) = await app.MerchantWithProductAsync(stock: 5);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(ok, 2);
        await shopper.AddOkAsync(scarce, 5);
        var rival = await app.SignUpAsync("shopper");
        await rival.AddOkAsync(scarce, 1);
        await rival.CheckoutOkAsync();

        var refused = await shopper.CheckoutAsync(Guid.NewGuid().ToString());
        await refused.ShouldBeProblemAsync(409, "cart", "checkout.insufficient_stock");
        Assert.Equal(10, await app.StockOfAsync(ok));
        Assert.Equal(4, await app.StockOfAsync(scarce));

        var cart = await shopper.GetJsonAsync("/api/v1/cart");
        var scarceLine = cart["shops"]!.AsArray().SelectMany(s => s!["lines"]!.AsArray()).Single(l => l!.G("productId") == scarce)!;
        Assert.True(scarceLine["stockShort"]!.GetValue<bool>());
        (await shopper.PatchAsync($"/api/v1/cart/items/{scarceLine.Id()}", new { quantity = 4 })).EnsureSuccessStatusCode();

        (await merchant.PostAsync($"/api/v1/products/{ok}/unpublish")).EnsureSuccessStatusCode();
        await (await shopper.CheckoutAsync(Guid.NewGuid().ToString())).ShouldBeProblemAsync(409, "cart", "checkout.product_unavailable");
        Assert.Equal(4, await app.StockOfAsync(scarce));
    }

    [Fact]
    public async Task After_a_committed_and_a_refused_checkout_the_pooled_module_contexts_serve_parallel_requests_cleanly()
    {
        // Module contexts are pooled: the Cart's and Catalog's contexts that wrote through the Orders context's connection in
        // a checkout's shared transaction go back to their pools and serve whichever request leases them next.
        var (_, _, scarce) = await app.MerchantWithProductAsync(stock: 1);
        var winner = await app.SignUpAsync("shopper");
        var loser = await app.SignUpAsync("shopper");
        await winner.AddOkAsync(scarce, 1);
        await loser.AddOkAsync(scarce, 1);
        await winner.CheckoutOkAsync();
        await (await loser.CheckoutAsync(Guid.NewGuid().ToString())).ShouldBeProblemAsync(409, "cart", "checkout.insufficient_stock");

        var (_, _, plenty) = await app.MerchantWithProductAsync(stock: 100);
        var shoppers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.SignUpAsync("shopper")));
        var anonymous = app.Anonymous();
        await Task.WhenAll(shoppers.Select((shopper, i) => Task.Run(async () =>
        {
            await shopper.AddOkAsync(plenty, 1 + (i % 3));
            Assert.Single((await shopper.CheckoutOkAsync())["orders"]!.AsArray());
            Assert.Empty((await shopper.GetJsonAsync("/api/v1/cart"))["shops"]!.AsArray());
            Assert.Single((await shopper.GetJsonAsync("/api/v1/orders"))["items"]!.AsArray());
        })).Concat(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            Assert.Equal(plenty, (await anonymous.GetJsonAsync($"/api/v1/products/{plenty}")).G("id"))))));

        Assert.Equal(100 - Enumerable.Range(0, 8).Sum(i => 1 + (i % 3)), await app.StockOfAsync(plenty));
        Assert.Equal(0, await app.StockOfAsync(scarce));
        Assert.Single((await loser.GetJsonAsync("/api/v1/cart"))["shops"]!.AsArray());
        Assert.Empty((await loser.GetJsonAsync("/api/v1/orders"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Fifty_shoppers_checking_out_the_last_ten_units_at_once_buy_exactly_ten()
    {
        var (_, _, productId) = await app.MerchantWithProductAsync(stock: 10);
        var shoppers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.SignUpAsync("shopper")));
        foreach (var shopper in shoppers)
        {
            await shopper.AddOkAsync(productId, 1);
        }

        var responses = await Task.WhenAll(shoppers.Select(s => Task.Run(() => s.CheckoutAsync(Guid.NewGuid().ToString()))));

        Assert.Equal(10, responses.Count(r => (int)r.StatusCode == 201));
        var refused = responses.Where(r => (int)r.StatusCode != 201).ToList();
        Assert.Equal(40, refused.Count);
        foreach (var response in refused)
        {
            await response.ShouldBeProblemAsync(409, code: "checkout.insufficient_stock");
        }

        Assert.Equal(0, await app.StockOfAsync(productId));
    }
}
