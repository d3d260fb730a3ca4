using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Marketplace.Web.Tests.Pages;

/// <summary>
/// Card checkout on the pages: Stripe's hosted payment page (the double) between our checkout and our return page, the
/// order paid by the double's signed webhook; leaving Stripe's page, bad input and someone else's checkout.
/// </summary>
public sealed partial class ShopperPageTests
{
    [Fact]
    public async Task A_shopper_pays_by_card_on_Stripes_page_and_comes_back_to_paid_orders()
    {
        var (web, _) = await ShopperWithCartAsync("keripik");
        var checkout = await web.GetStringAsync("/checkout");
        Assert.Contains("value=\"stripe\"", checkout, StringComparison.Ordinal);

        var placed = await PostCheckoutAsync(web, checkout, "stripe", postalCode: "30111");
        var html = await placed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        var payPage = WebUtility.HtmlDecode(PayLink().Match(html).Groups[1].Value);
        Assert.StartsWith(app.Stripe.Url + "/c/pay/cs_test_", payPage, StringComparison.Ordinal);

        // What the API asked Stripe for: the group's total, and our return page with the group's id filled in.
        var session = app.Stripe.SessionAt(payPage);
        var groupId = session["client_reference_id"]!.GetValue<string>();
        Assert.Equal($"{app.BaseUrl}checkout/card/{groupId}", session["success_url"]!.GetValue<string>());
        Assert.Equal($"{app.BaseUrl}checkout/card/{groupId}?cancelled=true", session["cancel_url"]!.GetValue<string>());
        Assert.Contains(WebUtility.HtmlEncode(Format(session["amount_total"]!.GetValue<long>())), html, StringComparison.Ordinal);

        // Back from Stripe before its webhook: waiting, with a link to look again.
        var early = await web.GetStringAsync(session["success_url"]!.GetValue<string>());
        Assert.Contains("Kami menunggu konfirmasi pembayaran dari Stripe", early, StringComparison.Ordinal);
        Assert.Contains("Menunggu pembayaran", early, StringComparison.Ordinal);

        var intent = app.Stripe.PaySession(session["id"]!.GetValue<string>());
        var (payload, signature) = StripeDouble.SignedEvent("payment_intent.succeeded", intent);
        using var webhook = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        webhook.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        using var delivered = await app.Anonymous().Http.SendAsync(webhook);
        Assert.True(delivered.IsSuccessStatusCode, await delivered.Content.ReadAsStringAsync());

        var back = await web.GetStringAsync(session["success_url"]!.GetValue<string>());
        Assert.Contains("diterima. Pesanan Anda sudah dibayar", back, StringComparison.Ordinal);
        Assert.Contains(">Dibayar<", back, StringComparison.Ordinal);
        Assert.DoesNotContain("Menunggu pembayaran", back, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_Stripes_page_without_paying_says_nothing_was_charged_and_offers_the_page_again()
    {
        var (web, _) = await ShopperWithCartAsync("pempek");
        var checkout = await web.GetStringAsync("/checkout");
        var html = await (await PostCheckoutAsync(web, checkout, "stripe", postalCode: "30111")).Content.ReadAsStringAsync();
        var payPage = WebUtility.HtmlDecode(PayLink().Match(html).Groups[1].Value);
        var session = app.Stripe.SessionAt(payPage);

        using var response = await web.GetAsync(session["cancel_url"]!.GetValue<string>());
        var cancelled = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Pembayaran kartu dibatalkan. Tidak ada yang ditagih.", cancelled, StringComparison.Ordinal);
        Assert.Contains("Menunggu pembayaran", cancelled, StringComparison.Ordinal);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(payPage)}\"", cancelled, StringComparison.Ordinal);

        // Another shopper with the same address sees nothing of it; a made-up checkout is not found either.
        var (stranger, _) = await ShopperWithCartAsync("keripik");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(session["cancel_url"]!.GetValue<string>())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/checkout/card/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_card_checkout_with_a_bad_address_shows_the_field_and_asks_Stripe_for_nothing()
    {
        var (web, _) = await ShopperWithCartAsync("keripik");
        var checkout = await web.GetStringAsync("/checkout");
        var sessions = app.Stripe.CheckoutSessions.Count;

        var response = await PostCheckoutAsync(web, checkout, "stripe", postalCode: "12<b>");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"postal-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"12&lt;b&gt;\"", html, StringComparison.Ordinal);
        Assert.Matches("value=\"stripe\"[^>]*checked", html);
        Assert.Equal(sessions, app.Stripe.CheckoutSessions.Count);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "https://pasar.example/back", "successUrl")]
    [InlineData("https://pasar.example/ok", "/relative/only", "cancelUrl")]
    public async Task The_API_refuses_return_addresses_that_are_not_absolute_web_addresses(string success, string cancel, string field)
    {
        var shopper = await app.SignUpAsync("shopper");
        var response = await shopper.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString("N") } },
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                shippingAddress = new { recipient = "Sari", phone = "081234567890", line1 = "Jl. Merdeka 1", cityCode = "16.71", postalCode = "30111" },
                paymentMethod = "stripe",
                successUrl = success,
                cancelUrl = cancel,
            }),
        });

        await response.ShouldBeProblemAsync(400, field);
    }

    private async Task<(HttpClient Web, ApiClient Api)> ShopperWithCartAsync(string q)
    {
        var shopper = await app.SignUpAsync("shopper");
        var product = await FirstProductAsync(q);
        Assert.True((await shopper.PostAsync("/api/v1/cart/items", new { productId = product["productId"]!.GetValue<string>(), quantity = 1 })).IsSuccessStatusCode);
        return (await SignedInAsync(shopper), shopper);
    }

    private static Task<HttpResponseMessage> PostCheckoutAsync(HttpClient web, string checkoutPage, string method, string postalCode) =>
        Html.PostFormAsync(web, "/checkout", "checkout", checkoutPage, new Dictionary<string, string>
        {
            ["Form.IdempotencyKey"] = Html.Hidden(checkoutPage, "Form.IdempotencyKey"),
            ["Form.Recipient"] = "Sari Dewi",
            ["Form.Phone"] = "081234567890",
            ["Form.Line1"] = "Jl. Merdeka 1",
            ["Form.CityCode"] = "16.71",
            ["Form.PostalCode"] = postalCode,
            ["Form.PaymentMethod"] = method,
        });

    /// <summary>Rupiah as the Indonesian pages write it: minor units / 100, dots between thousands.</summary>
    private static string Format(long minor) => "Rp" + (minor / 100).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', '.');

    [GeneratedRegex("<a class=\"button primary\" href=\"([^\"]+)\" rel=\"noreferrer\"")]
    private static partial Regex PayLink();
}
