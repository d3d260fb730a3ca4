using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Marketplace.Commerce.Tests;

/// <summary>Arranging shops, products, carts and checkouts through the public API.</summary>
public static class Fixtures
{
    public const string Malang = "35.73";
    public const string Palembang = "16.71";

    public static async Task<JsonNode> CreateShopAsync(this ApiClient merchant, long shipping = 15_000_00)
    {
        var response = await merchant.PostAsync("/api/v1/shops", new
        {
            name = $"Toko {Guid.NewGuid():N}"[..30],
            cityCode = Malang,
            subsectors = new[] { "kuliner" },
            shippingFlatRate = new { amount = shipping, currency = "IDR" },
        });
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    public static object ProductBody(string name, long amount, int stock) => new
    {
        name,
        price = new { amount, currency = "IDR" },
        subsector = "kuliner",
        stock,
        imageUrls = new[] { "https://img.example.id/p.jpg" },
    };

    public static async Task<Guid> CreatePublishedProductAsync(this ApiClient merchant, Guid shopId, string name = "Pempek Kapal Selam", long amount = 2_500_000, int stock = 10)
    {
        var created = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", ProductBody(name, amount, stock));
        await created.ShouldHaveStatusAsync(201);
        var id = (await created.JsonAsync()).Id();
        var published = await merchant.PostAsync($"/api/v1/products/{id}/publish");
        await published.ShouldHaveStatusAsync(200);
        return id;
    }

    /// <summary>A merchant with a shop and one published product.</summary>
    public static async Task<(ApiClient Merchant, Guid ShopId, Guid ProductId)> MerchantWithProductAsync(this MarketplaceApp app, int stock = 10, long price = 2_500_000, long shipping = 15_000_00)
    {
        var merchant = await app.SignUpAsync("merchant");
        var shop = (await merchant.CreateShopAsync(shipping)).Id();
        var product = await merchant.CreatePublishedProductAsync(shop, amount: price, stock: stock);
        return (merchant, shop, product);
    }

    public static Task<HttpResponseMessage> AddToCartAsync(this ApiClient client, Guid productId, int quantity = 1, Guid? boothId = null) =>
        client.PostAsync("/api/v1/cart/items", new { productId, quantity, boothId });

    public static async Task<JsonNode> AddOkAsync(this ApiClient client, Guid productId, int quantity = 1, Guid? boothId = null)
    {
        var response = await client.AddToCartAsync(productId, quantity, boothId);
        await response.ShouldHaveStatusAsync(200);
        return await response.JsonAsync();
    }

    public static object CheckoutBody(string paymentMethod = "manual", string? voucherCode = null) => new
    {
        shippingAddress = new { recipient = "Siti Aminah", phone = "+62 812 1111 2222", line1 = "Jl. Merdeka No. 10, RT 02/RW 03", cityCode = Palembang, postalCode = "30111" },
        paymentMethod,
        voucherCode,
    };

    public static Task<HttpResponseMessage> CheckoutAsync(this ApiClient client, string? key = null, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = JsonContent.Create(body ?? CheckoutBody()) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.Http.SendAsync(request);
    }

    public static async Task<JsonNode> CheckoutOkAsync(this ApiClient client, object? body = null)
    {
        var response = await client.CheckoutAsync(Guid.NewGuid().ToString(), body);
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    public static ApiClient WithCartToken(this ApiClient client, string token)
    {
        client.Http.DefaultRequestHeaders.Remove("X-Cart-Token");
        client.Http.DefaultRequestHeaders.Add("X-Cart-Token", token);
        return client;
    }

    public static async Task<int> StockOfAsync(this MarketplaceApp app, Guid productId) =>
        (await app.Anonymous().GetJsonAsync($"/api/v1/products/{productId}"))["stock"]!.GetValue<int>();

    public static Guid Id(this JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    public static Guid G(this JsonNode node, string name) => Guid.Parse(node[name]!.GetValue<string>());

    public static string S(this JsonNode node, string name) => node[name]!.GetValue<string>();

    public static long Amount(this JsonNode node, string name) => node[name]!["amount"]!.GetValue<long>();
}
