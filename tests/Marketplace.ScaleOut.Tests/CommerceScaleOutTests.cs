using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing.Servers;

namespace Marketplace.ScaleOut.Tests;

/// <summary>Carts and checkouts spread over two API instances on one PostgreSQL and one Redis.</summary>
public sealed class CommerceScaleOutTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private static async Task<Guid> ProductAsync(ApiClient merchant, int stock)
    {
        var shop = await merchant.PostAsync("/api/v1/shops", new { name = $"Toko {Guid.NewGuid():N}"[..30], cityCode = "35.73", subsectors = new[] { "kriya" } });
        await shop.ShouldHaveStatusAsync(201);
        var shopId = (await shop.JsonAsync())["id"]!.GetValue<string>();
        var product = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name = "Tas Anyaman Pandan",
            price = new { amount = 15_000_000, currency = "IDR" },
            subsector = "kriya",
            stock,
        });
        await product.ShouldHaveStatusAsync(201);
        var id = Guid.Parse((await product.JsonAsync())["id"]!.GetValue<string>());
        await (await merchant.PostAsync($"/api/v1/products/{id}/publish")).ShouldHaveStatusAsync(200);
        return id;
    }

    private static Task<HttpResponseMessage> CheckoutAsync(ApiClient shopper)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new
            {
                shippingAddress = new { recipient = "Made Wirawan", phone = "+62 361 222 333", line1 = "Jl. Raya Ubud 5", cityCode = "35.73", postalCode = "65111" },
                paymentMethod = "manual",
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return shopper.Http.SendAsync(request);
    }

    private static ApiClient On(InstanceApp instance, ApiClient signedIn)
    {
        var client = instance.Anonymous();
        client.Http.DefaultRequestHeaders.Authorization = signedIn.Http.DefaultRequestHeaders.Authorization;
        return client;
    }

    [Fact]
    public async Task Fifty_checkouts_split_over_two_instances_sell_exactly_ten()
    {
        await using var instances = await TwoInstances.StartAsync(_redis);
        var merchant = await instances.A.SignUpAsync("merchant");
        var productId = await ProductAsync(merchant, stock: 10);
        var shoppers = new List<ApiClient>();
        for (var i = 0; i < 50; i++)
        {
            var shopper = await (i % 2 == 0 ? instances.A : instances.B).SignUpAsync("shopper");
            await (await shopper.PostAsync("/api/v1/cart/items", new { productId, quantity = 1 })).ShouldHaveStatusAsync(200);
            shoppers.Add(shopper);
        }

        var responses = await Task.WhenAll(shoppers.Select(s => Task.Run(() => CheckoutAsync(s))));

        Assert.Equal(10, responses.Count(r => (int)r.StatusCode == 201));
        foreach (var refused in responses.Where(r => (int)r.StatusCode != 201))
        {
            await refused.ShouldBeProblemAsync(409, code: "checkout.insufficient_stock");
        }

        foreach (var instance in new[] { instances.A, instances.B })
        {
            await Eventually.HoldsAsync(async () =>
                (await instance.Anonymous().GetJsonAsync($"/api/v1/products/{productId}"))["stock"]!.GetValue<int>() == 0,
                TimeSpan.FromSeconds(2), "stock seen as 0 on both instances");
        }

        var orders = await merchant.GetJsonAsync($"/api/v1/shops/{(await merchant.GetJsonAsync($"/api/v1/products/{productId}"))["shopId"]}/orders");
        Assert.Equal(10, orders["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_cart_started_on_A_continues_on_B_for_a_guest_and_after_sign_in()
    {
        await using var instances = await TwoInstances.StartAsync(_redis);
        var merchant = await instances.A.SignUpAsync("merchant");
        var productId = await ProductAsync(merchant, stock: 10);

        var guestOnA = instances.A.Anonymous();
        var added = await guestOnA.PostAsync("/api/v1/cart/items", new { productId, quantity = 2 });
        await added.ShouldHaveStatusAsync(200);
        var token = (await added.JsonAsync())["token"]!.GetValue<string>();

        var guestOnB = instances.B.Anonymous();
        guestOnB.Http.DefaultRequestHeaders.Add("X-Cart-Token", token);
        var cartOnB = await guestOnB.GetJsonAsync("/api/v1/cart");
        Assert.Equal(2, cartOnB["itemCount"]!.GetValue<int>());
        var lineId = cartOnB["shops"]![0]!["lines"]![0]!["id"]!.GetValue<string>();
        await (await guestOnB.PatchAsync($"/api/v1/cart/items/{lineId}", new { quantity = 3 })).ShouldHaveStatusAsync(200);

        var shopperOnA = await instances.A.SignUpAsync("shopper");
        var shopperOnB = On(instances.B, shopperOnA);
        shopperOnB.Http.DefaultRequestHeaders.Add("X-Cart-Token", token);
        await (await shopperOnB.PostAsync("/api/v1/cart/merge")).ShouldHaveStatusAsync(200);
        var mine = await shopperOnA.GetJsonAsync("/api/v1/cart");
        Assert.Equal(3, mine["itemCount"]!.GetValue<int>());

        var placed = await CheckoutAsync(shopperOnA);
        await placed.ShouldHaveStatusAsync(201);
        var orderId = (await placed.JsonAsync())["orders"]![0]!["id"]!.GetValue<string>();
        var onB = await shopperOnB.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.Equal("pending_payment", onB["status"]!.GetValue<string>());
    }
}
