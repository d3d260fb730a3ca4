using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Marketplace.Web.Tests.Pages;

/// <summary>The shopper's and visitor's pages as a browser without JavaScript sees them, and their bad-input answers.</summary>
public sealed partial class ShopperPageTests(WebApp app) : IClassFixture<WebApp>
{
    private const string LiveExpo = "palembang-kota-kreatif-expo";

    [Fact]
    public async Task Search_facets_are_links_that_keep_the_other_filters()
    {
        using var http = app.Browserless();
        var html = await http.GetStringAsync("/search?q=pempek&sort=price_asc");

        Assert.Contains("<mark>", html, StringComparison.OrdinalIgnoreCase);
        var cityLink = WebUtility.HtmlDecode(CityFacet().Match(html).Groups[1].Value);
        Assert.Contains("q=pempek", cityLink, StringComparison.Ordinal);
        Assert.Contains("sort=price_asc", cityLink, StringComparison.Ordinal);

        var filtered = await http.GetStringAsync(cityLink);
        Assert.Contains("aria-current=\"true\"", filtered, StringComparison.Ordinal);
        Assert.Contains("Kota Palembang", filtered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id-ID", "Stan yang sedang ramai")]
    [InlineData("en-GB", "Trending booths")]
    public async Task The_hall_lists_trending_booths_in_order_without_their_numbers(string language, string heading)
    {
        using var http = app.Browserless(language);
        var html = await http.GetStringAsync($"/exhibitions/{LiveExpo}");

        // The demo expo has a day of visits: its most visited booths, in the API's order, as an ordered list of links.
        var id = (await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/by-slug/{LiveExpo}"))["id"]!.GetValue<string>();
        var trending = (await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{id}/booths/trending?top=5"))["items"]!.AsArray();
        Assert.NotEmpty(trending);
        Assert.Contains($"<h2 id=\"trending-h\">{heading}</h2>", html, StringComparison.Ordinal);
        var list = html[html.IndexOf("<ol class=\"trending\">", StringComparison.Ordinal)..];
        list = list[..list.IndexOf("</ol>", StringComparison.Ordinal)];
        var linked = BoothLink().Matches(list).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(trending.Select(b => b!["id"]!.GetValue<string>()).ToArray(), linked);

        var filtered = await http.GetStringAsync($"/exhibitions/{LiveExpo}?subsector=kuliner");
        Assert.DoesNotContain("trending-h", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_10000_character_query_gets_a_clear_page_not_a_500()
    {
        using var http = app.Browserless();
        var response = await http.GetAsync("/search?q=" + new string('a', 10_000));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("terlalu panjang", html, StringComparison.Ordinal);
        Assert.Contains("id=\"q-error\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/search?page=abc&halal=maybe&minPrice=-5&sort=nonsense")]
    [InlineData("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/search?q=%F0%9F%8C%B6%EF%B8%8F%20sambal")]
    [InlineData("/exhibitions?status=nonsense&page=-1")]
    [InlineData("/shops/batik-wastra-panjalu?page=zzz")]
    public async Task Nonsense_in_the_address_bar_is_a_page_not_an_error(string url)
    {
        using var http = app.Browserless();
        var response = await http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/products/00000000-0000-0000-0000-000000000001/nothing")]
    [InlineData("/products/not-a-guid")]
    [InlineData("/shops/no-such-shop-anywhere")]
    [InlineData("/exhibitions/no-such-exhibition")]
    [InlineData("/exhibitions/" + LiveExpo + "/booths/00000000-0000-0000-0000-000000000001")]
    public async Task An_unknown_slug_or_id_is_the_not_found_page(string url)
    {
        using var http = app.Browserless();
        var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Halaman tidak ditemukan", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_product_page_is_ready_to_be_shared_on_WhatsApp()
    {
        var product = await FirstProductAsync("pempek");
        // The demo's photos are drawn at start-up and their variants rendered in the background; the page shares the
        // cover once it exists.
        await Eventually.HoldsAsync(async () =>
            (await app.Anonymous().GetJsonAsync($"/api/v1/products/{product["productId"]}"))["images"]!.AsArray()
                .Any(i => i!["status"]!.GetValue<string>() == "ready"), TimeSpan.FromSeconds(90), "the demo product's photo was not ready");
        using var http = app.Browserless();
        var html = await http.GetStringAsync($"/products/{product["productId"]}");

        Assert.Contains("property=\"og:title\"", html, StringComparison.Ordinal);
        Assert.Matches("property=\"og:image\" content=\"http://[^\"]+/media/[0-9a-f]{64}/card\"", html);
        Assert.Contains("name=\"description\"", html, StringComparison.Ordinal);
        Assert.Matches($"rel=\"canonical\" href=\"http://[^\"]+/products/{product["productId"]}/[a-z0-9-]+\"", html);
        Assert.Contains(Html.Title(html).Split(" · ")[0], html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_booth_page_records_the_visit_and_its_add_to_cart_carries_the_booth()
    {
        var (booth, exhibitionId) = await FirstBoothAsync();
        var organiser = await app.SignInAsync("organiser@demo.marketplace.id", WebApp.DemoPassword);
        var before = (await organiser.GetJsonAsync($"/api/v1/booths/{booth["id"]}/analytics"))["visits"]!.GetValue<long>();

        using var http = app.Browserless();
        var url = $"/exhibitions/{LiveExpo}/booths/{booth["id"]}";
        var page = await http.GetStringAsync(url);
        var form = AddForm().Match(page);
        Assert.True(form.Success, "The booth shows no featured product with add-to-cart.");
        var added = await Html.PostFormAsync(http, url, form.Groups[1].Value, page, new Dictionary<string, string> { ["Quantity"] = "1" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        var token = added.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mp_cart=", StringComparison.Ordinal)).Split(';')[0]["mp_cart=".Length..];
        var cart = app.Anonymous();
        cart.Http.DefaultRequestHeaders.Add("X-Cart-Token", Uri.UnescapeDataString(token));
        var lines = (await cart.GetJsonAsync("/api/v1/cart"))["shops"]!.AsArray().SelectMany(s => s!["lines"]!.AsArray()).ToList();
        Assert.Contains(lines, l => l!["boothId"]?.GetValue<string>() == booth["id"]!.GetValue<string>());

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await organiser.GetJsonAsync($"/api/v1/booths/{booth["id"]}/analytics"))["visits"]!.GetValue<long>() <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, "The booth visit was not counted.");
            await app.DrainOutboxAsync();
            await Task.Delay(100);
        }

        Assert.NotNull(exhibitionId);
    }

    [Fact]
    public async Task A_lead_form_with_bad_input_shows_the_errors_and_keeps_what_was_typed()
    {
        var (booth, _) = await FirstBoothAsync();
        using var http = app.Browserless();
        var url = $"/exhibitions/{LiveExpo}/booths/{booth["id"]}";
        var page = await http.GetStringAsync(url);
        var response = await Html.PostFormAsync(http, url, "lead", page, new Dictionary<string, string>
        {
            ["Lead.Kind"] = "quote",
            ["Lead.Name"] = "",
            ["Lead.Contact"] = "",
            ["Lead.Message"] = "Bisa kirim 500 pak ke Jakarta? <b>segera</b>",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"field-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Bisa kirim 500 pak ke Jakarta? &lt;b&gt;segera&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_needs_sign_in_and_someone_elses_order_is_not_found()
    {
        using var guest = app.Browserless();
        var checkout = await guest.GetAsync("/checkout");
        Assert.Equal(HttpStatusCode.Redirect, checkout.StatusCode);
        Assert.Contains("/sign-in?returnUrl=%2Fcheckout", checkout.Headers.Location!.ToString(), StringComparison.Ordinal);

        var other = await app.SignUpAsync("shopper");
        var product = await FirstProductAsync("keripik");
        Assert.True((await other.PostAsync("/api/v1/cart/items", new { productId = product["productId"]!.GetValue<string>(), quantity = 1 })).IsSuccessStatusCode);
        var placed = await other.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString("N") } },
            Content = JsonContent.Create(new { shippingAddress = new { recipient = "Sari", phone = "081234567890", line1 = "Jl. Merdeka 1", cityCode = "16.71", postalCode = "30111" }, paymentMethod = "manual" }),
        });
        Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync());
        var orderId = (await placed.JsonAsync())["orders"]![0]!["id"]!.GetValue<string>();

        using var me = await SignedInAsync();
        var response = await me.GetAsync($"/orders/{orderId}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Jl. Merdeka", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync() => await SignedInAsync(await app.SignUpAsync("shopper"));

    /// <summary>This account signed in on the pages, as a browser without JavaScript.</summary>
    private async Task<HttpClient> SignedInAsync(ApiClient shopper)
    {
        var http = app.Browserless();
        var page = await http.GetStringAsync("/sign-in");
        var response = await Html.PostFormAsync(http, "/sign-in", "sign-in", page, new Dictionary<string, string>
        {
            ["Form.Email"] = shopper.Email!,
            ["Form.Password"] = "Rahasia-123-Pasar",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    private async Task<JsonNode> FirstProductAsync(string q) =>
        (await app.Anonymous().GetJsonAsync($"/api/v1/search/products?q={q}&inStock=true&pageSize=1"))["items"]![0]!;

    private async Task<(JsonNode Booth, string? ExhibitionId)> FirstBoothAsync()
    {
        var api = app.Anonymous();
        var exhibition = await api.GetJsonAsync($"/api/v1/exhibitions/by-slug/{LiveExpo}");
        var id = exhibition["id"]!.GetValue<string>();
        var booths = (await api.GetJsonAsync($"/api/v1/exhibitions/{id}/booths?pageSize=50"))["items"]!.AsArray();
        foreach (var item in booths)
        {
            var booth = await api.GetJsonAsync($"/api/v1/booths/{item!["id"]}");
            if (booth["featuredProducts"]!.AsArray().Any(p => p!["inStock"]!.GetValue<bool>()))
            {
                return (booth, id);
            }
        }

        throw new InvalidOperationException("No demo booth has a featured product in stock.");
    }

    [GeneratedRegex("/booths/([0-9a-f-]{36})\"")]
    private static partial Regex BoothLink();

    [GeneratedRegex("<a href=\"([^\"]*city=16\\.71[^\"]*)\"")]
    private static partial Regex CityFacet();

    [GeneratedRegex("name=\"_handler\" value=\"(add-[0-9a-f-]{36})\"")]
    private static partial Regex AddForm();

}
