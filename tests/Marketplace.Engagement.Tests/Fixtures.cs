using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Marketplace.Engagement.Tests;

/// <summary>A shop with products, a shopper who bought them, and the purchased lines (what reviews name).</summary>
public sealed record Purchase(ApiClient Merchant, Guid ShopId, string ShopSlug, ApiClient Shopper, Guid OrderId, IReadOnlyList<Guid> ProductIds, IReadOnlyList<Guid> LineIds);

/// <summary>Arranging shops, purchases and exhibitions through the public API.</summary>
public static class Fixtures
{
    public const string Palembang = "16.71";

    public static async Task<(ApiClient Merchant, Guid ShopId, string ShopName, string ShopSlug)> MerchantWithShopAsync(this MarketplaceApp app)
    {
        var merchant = await app.SignUpAsync("merchant");
        var name = $"Kemplang Bu Ani {Guid.NewGuid():N}"[..30];
        var response = await merchant.PostAsync("/api/v1/shops", new { name, cityCode = Palembang, subsectors = new[] { "kuliner" } });
        await response.ShouldHaveStatusAsync(201);
        var shop = await response.JsonAsync();
        return (merchant, shop.Id(), name, shop.S("slug"));
    }

    public static async Task<Guid> PublishedProductAsync(this ApiClient merchant, Guid shopId, string name, int stock = 50)
    {
        var created = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name,
            description = "Kerupuk ikan tenggiri khas Palembang.",
            price = new { amount = 3_500_000, currency = "IDR" },
            subsector = "kuliner",
            stock,
        });
        await created.ShouldHaveStatusAsync(201);
        var id = (await created.JsonAsync()).Id();
        await (await merchant.PostAsync($"/api/v1/products/{id}/publish")).ShouldHaveStatusAsync(200);
        return id;
    }

    /// <summary>
    /// A shopper buys one unit of each of <paramref name="products"/> new products of a new shop (one order) and pays;
    /// the merchant confirms the transfer. With <paramref name="until"/> "shipped" or "completed" the order goes further.
    /// </summary>
    public static async Task<Purchase> PurchaseAsync(this MarketplaceApp app, int products = 1, string until = "completed", ApiClient? shopper = null, string? productName = null)
    {
        var (merchant, shopId, _, shopSlug) = await app.MerchantWithShopAsync();
        var productIds = new List<Guid>();
        for (var i = 0; i < products; i++)
        {
            productIds.Add(await merchant.PublishedProductAsync(shopId, productName ?? $"Kemplang Panggang {i + 1}"));
        }

        shopper ??= await app.SignUpAsync("shopper");
        foreach (var productId in productIds)
        {
            await (await shopper.PostAsync("/api/v1/cart/items", new { productId, quantity = 1 })).ShouldHaveStatusAsync(200);
        }

        var (orderId, lines) = await shopper.CheckoutAsync(merchant, until);
        return new Purchase(merchant, shopId, shopSlug, shopper, orderId, productIds, productIds.Select(p => lines[p]).ToList());
    }

    /// <summary>
    /// Checks out the shopper's cart (products of one shop) with manual payment; the merchant confirms the transfer and,
    /// as <paramref name="until"/> says, ships; the shopper completes. Returns the order and its lines (product → line id).
    /// </summary>
    public static async Task<(Guid OrderId, Dictionary<Guid, Guid> Lines)> CheckoutAsync(this ApiClient shopper, ApiClient merchant, string until = "completed")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new
            {
                shippingAddress = new { recipient = "Siti Aminah", phone = "+62 812 1111 2222", line1 = "Jl. Merdeka No. 10", cityCode = Palembang, postalCode = "30111" },
                paymentMethod = "manual",
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var checkout = await shopper.Http.SendAsync(request);
        await checkout.ShouldHaveStatusAsync(201);
        var orderId = (await checkout.JsonAsync())["orders"]![0]!.Id();

        if (until != "pending")
        {
            await (await merchant.PostAsync($"/api/v1/orders/{orderId}/confirm-payment")).ShouldHaveStatusAsync(200);
        }

        if (until is "shipped" or "completed")
        {
            await (await merchant.PostAsync($"/api/v1/orders/{orderId}/ship", new { carrier = "JNE", trackingNumber = "JNE123456789" })).ShouldHaveStatusAsync(200);
        }

        if (until == "completed")
        {
            await (await shopper.PostAsync($"/api/v1/orders/{orderId}/complete")).ShouldHaveStatusAsync(200);
        }

        var order = await shopper.GetJsonAsync($"/api/v1/orders/{orderId}");
        return (orderId, order["lines"]!.AsArray().ToDictionary(l => l!.G("productId"), l => l!.Id()));
    }

    public static Task<HttpResponseMessage> ReviewAsync(this ApiClient shopper, Guid lineId, int rating, string? text = "Renyah dan gurih, dikirim rapi.") =>
        shopper.PostAsync("/api/v1/reviews", new { orderLineId = lineId, rating, text });

    public static async Task<JsonNode> ReviewOkAsync(this ApiClient shopper, Guid lineId, int rating, string? text = "Renyah dan gurih, dikirim rapi.")
    {
        var response = await shopper.ReviewAsync(lineId, rating, text);
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    /// <summary>The public storefront page of a shop, by its slug.</summary>
    public static Task<JsonNode> ShopPageAsync(this MarketplaceApp app, string slug) =>
        app.Anonymous().GetJsonAsync($"/api/v1/shops/by-slug/{slug}");

    public static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    public static Guid Id(this JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    public static Guid G(this JsonNode node, string name) => Guid.Parse(node[name]!.GetValue<string>());

    public static string S(this JsonNode node, string name) => node[name]!.GetValue<string>();
}
