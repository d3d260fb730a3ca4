using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Marketplace.Ledger.Tests;

/// <summary>Arranging shops, orders, payments, refunds and payouts through the public API.</summary>
public static class Flows
{
    public const string Palembang = "16.71";

    public static Guid Id(this JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    public static Guid G(this JsonNode node, string name) => Guid.Parse(node[name]!.GetValue<string>());

    public static string S(this JsonNode node, string name) => node[name]!.GetValue<string>();

    public static long Amount(this JsonNode node, string name) => node[name]!["amount"]!.GetValue<long>();

    public sealed record Shop(ApiClient Merchant, Guid ShopId, Guid ProductId);

    /// <summary>A merchant with a shop and one published product of <paramref name="subsector"/>.</summary>
    public static async Task<Shop> ShopWithProductAsync(this MarketplaceApp app, long price, long shipping, string subsector = "kuliner", int stock = 1000)
    {
        var merchant = await app.SignUpAsync("merchant");
        var created = await merchant.PostAsync("/api/v1/shops", new
        {
            name = $"Toko {Guid.NewGuid():N}"[..30],
            cityCode = "35.73",
            subsectors = new[] { subsector },
            shippingFlatRate = new { amount = shipping, currency = "IDR" },
        });
        await created.ShouldHaveStatusAsync(201);
        var shopId = (await created.JsonAsync()).Id();
        var product = await merchant.AddProductAsync(shopId, price, subsector, stock);
        return new Shop(merchant, shopId, product);
    }

    public static async Task<Guid> AddProductAsync(this ApiClient merchant, Guid shopId, long price, string subsector = "kuliner", int stock = 1000)
    {
        var product = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name = "Produk " + Guid.NewGuid().ToString("N")[..8],
            price = new { amount = price, currency = "IDR" },
            subsector,
            stock,
            imageUrls = new[] { "https://img.example.id/p.jpg" },
        });
        await product.ShouldHaveStatusAsync(201);
        var productId = (await product.JsonAsync()).Id();
        await (await merchant.PostAsync($"/api/v1/products/{productId}/publish")).ShouldHaveStatusAsync(200);
        return productId;
    }

    public static async Task AddToCartAsync(this ApiClient shopper, Guid productId, int quantity, Guid? boothId = null) =>
        await (await shopper.PostAsync("/api/v1/cart/items", new { productId, quantity, boothId })).ShouldHaveStatusAsync(200);

    public static async Task<JsonNode> CheckoutAsync(this ApiClient shopper, string method = "manual", string? voucherCode = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new
            {
                shippingAddress = new { recipient = "Siti Aminah", phone = "+62 812 1111 2222", line1 = "Jl. Merdeka No. 10", cityCode = Palembang, postalCode = "30111" },
                paymentMethod = method,
                voucherCode,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await shopper.Http.SendAsync(request);
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    /// <summary>Stripe says the group's PaymentIntent succeeded (a signed webhook, as Stripe sends it).</summary>
    public static async Task PayByCardAsync(this LedgerApp app, JsonNode placed)
    {
        var intentId = placed["payment"]!.S("paymentIntentId");
        var (payload, signature) = StripeDouble.SignedEvent("payment_intent.succeeded", app.Stripe.Succeeded(intentId));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        var response = await app.Anonymous().Http.SendAsync(request);
        await response.ShouldHaveStatusAsync(200);
    }

    public static IEnumerable<JsonNode> Orders(this JsonNode placed) => placed["orders"]!.AsArray().Select(o => o!);

    /// <summary>One shop, one product, one manual order paid (confirmed by the merchant); returns the order.</summary>
    public static async Task<JsonNode> PaidManualOrderAsync(this MarketplaceApp app, Shop shop, int quantity, ApiClient? shopper = null)
    {
        shopper ??= await app.SignUpAsync("shopper");
        await shopper.AddToCartAsync(shop.ProductId, quantity);
        var placed = await shopper.CheckoutAsync();
        var order = placed.Orders().Single();
        await (await shop.Merchant.PostAsync($"/api/v1/orders/{order.Id()}/confirm-payment")).ShouldHaveStatusAsync(200);
        return order;
    }

    public static async Task ShipAndCompleteAsync(this ApiClient merchant, Guid orderId)
    {
        await (await merchant.PostAsync($"/api/v1/orders/{orderId}/ship", new { carrier = "JNE", trackingNumber = "CGK" + Random.Shared.Next(100000, 999999) })).ShouldHaveStatusAsync(200);
        await (await merchant.PostAsync($"/api/v1/orders/{orderId}/complete")).ShouldHaveStatusAsync(200);
    }

    public static async Task<(long Pending, long Available, long InPayout, long PaidOut)> BalanceAsync(this ApiClient client, Guid shopId)
    {
        var b = await client.GetJsonAsync($"/api/v1/shops/{shopId}/balance");
        return (b.Amount("pending"), b.Amount("available"), b.Amount("inPayout"), b.Amount("paidOut"));
    }

    public static Task<HttpResponseMessage> PostWithKeyAsync(this ApiClient client, string url, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.Http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> RefundAsync(this ApiClient client, Guid orderId, object body, string? key = null) =>
        client.PostWithKeyAsync($"/api/v1/orders/{orderId}/refunds", body, key ?? Guid.NewGuid().ToString());

    public static Task<HttpResponseMessage> RequestPayoutAsync(this ApiClient merchant, Guid shopId, long amount, string? key = null) =>
        merchant.PostWithKeyAsync($"/api/v1/shops/{shopId}/payouts", new { amount = new { amount, currency = "IDR" } }, key ?? Guid.NewGuid().ToString());

    public static async Task RegisterBankAccountAsync(this ApiClient merchant, Guid shopId) =>
        await (await merchant.PutAsync($"/api/v1/shops/{shopId}/bank-account", new { bankCode = "014", accountNumber = "1234567890", holderName = "Siti Aminah" })).ShouldHaveStatusAsync(200);

    /// <summary>The admin's reconciliation, after every pending event has been posted.</summary>
    public static async Task<JsonNode> ReconcileAsync(this MarketplaceApp app)
    {
        await app.DrainOutboxAsync();
        var admin = await app.AdminAsync();
        return await admin.GetJsonAsync("/api/v1/ledger/reconciliation");
    }
}
