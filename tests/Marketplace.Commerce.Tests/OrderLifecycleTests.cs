using System.Text.Json.Nodes;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Commerce.Tests;

[Collection(AppCollection.Name)]
public sealed class OrderLifecycleTestsOnSqlite(CommerceApp app) : OrderLifecycleTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class OrderLifecycleTestsOnPostgres(CommerceAppOnPostgres app) : OrderLifecycleTests(app);

public abstract class OrderLifecycleTests(CommerceApp app)
{
    private async Task<(ApiClient Merchant, Guid ShopId, Guid ProductId, ApiClient Shopper, JsonNode Order)> PlacedOrderAsync(int stock = 10, int quantity = 2, Guid? boothId = null)
    {
        var (merchant, shopId, productId) = await app.MerchantWithProductAsync(stock: stock);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productId, quantity, boothId);
        var placed = await shopper.CheckoutOkAsync();
        return (merchant, shopId, productId, shopper, placed["orders"]![0]!);
    }

    [Fact]
    public async Task Manual_payment_then_shipping_then_completion_is_recorded_with_actor_and_time()
    {
        var booth = Guid.NewGuid();
        var (merchant, shopId, productId, shopper, order) = await PlacedOrderAsync(boothId: booth);
        var id = order.Id();

        var paid = await merchant.PostAsync($"/api/v1/orders/{id}/confirm-payment");
        await paid.ShouldHaveStatusAsync(200);
        Assert.Equal("paid", (await paid.JsonAsync()).S("status"));
        var again = await merchant.PostAsync($"/api/v1/orders/{id}/confirm-payment");
        await again.ShouldHaveStatusAsync(200);

        await (await merchant.PostAsync($"/api/v1/orders/{id}/ship", new { carrier = "JNE", trackingNumber = "" })).ShouldBeProblemAsync(400, "trackingNumber");
        var shipped = await merchant.PostAsync($"/api/v1/orders/{id}/ship", new { carrier = "JNE", trackingNumber = "CGK1234567890" });
        await shipped.ShouldHaveStatusAsync(200);
        var shippedBody = await shipped.JsonAsync();
        Assert.Equal("shipped", shippedBody.S("status"));
        Assert.Equal("CGK1234567890", shippedBody.S("trackingNumber"));
        await (await merchant.PostAsync($"/api/v1/orders/{id}/cancel")).ShouldBeProblemAsync(409, code: "orders.invalid_transition");

        var completed = await shopper.PostAsync($"/api/v1/orders/{id}/complete");
        await completed.ShouldHaveStatusAsync(200);
        var final = await completed.JsonAsync();
        Assert.Equal("completed", final.S("status"));
        var history = final["history"]!.AsArray();
        Assert.Equal(["pending_payment", "paid", "shipped", "completed"], history.Select(h => h!.S("to")).ToArray());
        Assert.Equal(["shopper", "merchant", "merchant", "shopper"], history.Select(h => h!.S("actorRole")).ToArray());
        Assert.Equal(merchant.UserId, history[1]!.G("actorId"));
        Assert.All(history, h => Assert.NotNull(h!["at"]));

        await Eventually.HoldsAsync(async () =>
        {
            await app.DrainOutboxAsync();
            return app.Events.Of<OrderPaid>().Any(e => e.OrderId == id);
        });
        var linePaid = Assert.Single(app.Events.Of<OrderLinePaid>(), e => e.OrderId == id);
        Assert.Equal(booth, linePaid.BoothId);
        Assert.Equal(productId, linePaid.ProductId);
        Assert.Equal(shopId, linePaid.ShopId);
        Assert.Equal(2, linePaid.Quantity);
        Assert.Equal(5_000_000, linePaid.LineTotal.Amount);
        Assert.Equal(shopper.UserId, linePaid.ShopperId);
        Assert.Single(app.Events.Of<OrderPaid>(), e => e.OrderId == id);
        Assert.Equal(8, await app.StockOfAsync(productId)); // Sold, not returned.
    }

    [Fact]
    public async Task Transitions_out_of_order_are_409s()
    {
        var (merchant, _, _, shopper, order) = await PlacedOrderAsync();
        var id = order.Id();
        await (await merchant.PostAsync($"/api/v1/orders/{id}/ship", new { carrier = "JNE", trackingNumber = "X1" })).ShouldBeProblemAsync(409, code: "orders.invalid_transition");
        await (await shopper.PostAsync($"/api/v1/orders/{id}/complete")).ShouldBeProblemAsync(409, code: "orders.invalid_transition");
        await (await shopper.PostAsync($"/api/v1/orders/{id}/confirm-payment")).ShouldBeProblemAsync(403);
        (await merchant.PostAsync($"/api/v1/orders/{id}/confirm-payment")).EnsureSuccessStatusCode();
        await (await shopper.PostAsync($"/api/v1/orders/{id}/complete")).ShouldBeProblemAsync(409, code: "orders.invalid_transition");
    }

    [Fact]
    public async Task Cancelling_before_shipping_returns_the_stock_for_pending_and_paid_orders()
    {
        var (_, _, pendingProduct, pendingShopper, pending) = await PlacedOrderAsync(stock: 5, quantity: 2);
        Assert.Equal(3, await app.StockOfAsync(pendingProduct));
        var cancelled = await pendingShopper.PostAsync($"/api/v1/orders/{pending.Id()}/cancel", new { reason = "Salah alamat" });
        await cancelled.ShouldHaveStatusAsync(200);
        var body = await cancelled.JsonAsync();
        Assert.Equal("cancelled", body.S("status"));
        Assert.Equal("Salah alamat", body.S("cancelReason"));
        Assert.Equal(5, await app.StockOfAsync(pendingProduct));
        await (await pendingShopper.PostAsync($"/api/v1/orders/{pending.Id()}/cancel")).ShouldBeProblemAsync(409);
        Assert.Equal(5, await app.StockOfAsync(pendingProduct));

        var (merchant, _, paidProduct, _, paid) = await PlacedOrderAsync(stock: 5, quantity: 1);
        (await merchant.PostAsync($"/api/v1/orders/{paid.Id()}/confirm-payment")).EnsureSuccessStatusCode();
        Assert.Equal(4, await app.StockOfAsync(paidProduct));
        (await merchant.PostAsync($"/api/v1/orders/{paid.Id()}/cancel")).EnsureSuccessStatusCode();
        Assert.Equal(5, await app.StockOfAsync(paidProduct));
        await Eventually.HoldsAsync(async () =>
        {
            await app.DrainOutboxAsync();
            return app.Events.Of<OrderCancelled>().Any(e => e.OrderId == paid.Id());
        });
        Assert.True(app.Events.Of<OrderCancelled>().Single(e => e.OrderId == paid.Id()).WasPaid);
        await app.DrainOutboxAsync();
        Assert.Equal(5, await app.StockOfAsync(paidProduct)); // The redelivered release changes nothing.
    }

    [Fact]
    public async Task Only_the_shopper_the_shop_owner_and_admins_see_an_order()
    {
        var (merchant, shopId, _, shopper, order) = await PlacedOrderAsync();
        var id = order.Id();
        Assert.Equal(id, (await shopper.GetJsonAsync($"/api/v1/orders/{id}")).Id());
        Assert.Equal(id, (await merchant.GetJsonAsync($"/api/v1/orders/{id}")).Id());
        Assert.Equal(id, (await (await app.AdminAsync()).GetJsonAsync($"/api/v1/orders/{id}")).Id());

        var otherShopper = await app.SignUpAsync("shopper");
        var otherMerchant = await app.SignUpAsync("merchant");
        await (await otherShopper.GetAsync($"/api/v1/orders/{id}")).ShouldBeProblemAsync(404);
        await (await otherShopper.PostAsync($"/api/v1/orders/{id}/cancel")).ShouldBeProblemAsync(404);
        await (await otherMerchant.GetAsync($"/api/v1/orders/{id}")).ShouldBeProblemAsync(404);
        await (await otherMerchant.PostAsync($"/api/v1/orders/{id}/confirm-payment")).ShouldBeProblemAsync(404);
        await (await app.Anonymous().GetAsync($"/api/v1/orders/{id}")).ShouldHaveStatusAsync(401);
        await (await otherMerchant.GetAsync($"/api/v1/shops/{shopId}/orders")).ShouldBeProblemAsync(403);
        await (await shopper.GetAsync($"/api/v1/shops/{shopId}/orders")).ShouldHaveStatusAsync(403);
        Assert.Equal("pending_payment", (await shopper.GetJsonAsync($"/api/v1/orders/{id}")).S("status"));
    }

    [Fact]
    public async Task Listings_filter_by_status_and_keep_the_name_and_price_of_checkout_time()
    {
        var (merchant, shopId, productId) = await app.MerchantWithProductAsync(stock: 10, price: 2_500_000);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productId, 1);
        var first = (await shopper.CheckoutOkAsync())["orders"]![0]!.Id();
        await shopper.AddOkAsync(productId, 2);
        var second = (await shopper.CheckoutOkAsync())["orders"]![0]!.Id();
        (await merchant.PostAsync($"/api/v1/orders/{first}/confirm-payment")).EnsureSuccessStatusCode();
        (await merchant.PatchAsync($"/api/v1/products/{productId}", new { name = "Nama Baru", price = new { amount = 9_900_000, currency = "IDR" } })).EnsureSuccessStatusCode();

        var mine = await shopper.GetJsonAsync("/api/v1/orders");
        Assert.Equal(2, mine["total"]!.GetValue<int>());
        Assert.Equal(second, mine["items"]![0]!.Id()); // Newest first.
        var paid = await shopper.GetJsonAsync("/api/v1/orders?status=paid");
        Assert.Equal(first, Assert.Single(paid["items"]!.AsArray())!.Id());
        var pendingForShop = await merchant.GetJsonAsync($"/api/v1/shops/{shopId}/orders?status=pending_payment");
        Assert.Equal(second, Assert.Single(pendingForShop["items"]!.AsArray())!.Id());
        await (await shopper.GetAsync("/api/v1/orders?status=lost")).ShouldBeProblemAsync(400, "status");
        await (await shopper.GetAsync("/api/v1/orders?pageSize=500")).ShouldBeProblemAsync(400, "pageSize");

        var line = (await shopper.GetJsonAsync($"/api/v1/orders/{first}"))["lines"]![0]!;
        Assert.Equal("Pempek Kapal Selam", line.S("name"));
        Assert.Equal(2_500_000, line.Amount("unitPrice"));
    }

    [Fact]
    public async Task An_unpaid_order_is_cancelled_and_its_stock_returned_when_the_payment_window_closes()
    {
        var (merchant, _, productId, shopper, order) = await PlacedOrderAsync(stock: 5, quantity: 3);
        Assert.Equal(2, await app.StockOfAsync(productId));
        try
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            await ReleaseExpiredAsync();
            Assert.Equal(2, await app.StockOfAsync(productId)); // 20 of 30 minutes: still held.

            app.Clock.Advance(TimeSpan.FromMinutes(11));
            await ReleaseExpiredAsync();
            await app.DrainOutboxAsync();
            Assert.Equal(5, await app.StockOfAsync(productId));
            var expired = await shopper.GetJsonAsync($"/api/v1/orders/{order.Id()}");
            Assert.Equal("cancelled", expired.S("status"));
            Assert.Equal("payment_expired", expired.S("cancelReason"));
            Assert.Equal("system", expired["history"]!.AsArray().Last()!.S("actorRole"));
            await (await merchant.PostAsync($"/api/v1/orders/{order.Id()}/confirm-payment")).ShouldBeProblemAsync(409);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private async Task ReleaseExpiredAsync()
    {
        // What Catalog's ReservationExpiryService does every 30 seconds, on the app's (fake) clock.
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IStockReservations>().ReleaseExpiredAsync(CancellationToken.None);
    }
}
