using System.Net;
using System.Text.Json.Nodes;

namespace Marketplace.Web.Tests.Seller;

/// <summary>The seller centre's shop and product pages as a browser without JavaScript sees them: roles, ownership, field errors, double submits.</summary>
public sealed class StorefrontPageTests(WebApp app) : IClassFixture<WebApp>
{
    [Theory]
    [InlineData("/seller")]
    [InlineData("/seller/products")]
    [InlineData("/seller/orders")]
    [InlineData("/seller/money")]
    public async Task A_guest_is_sent_to_sign_in_and_back(string url)
    {
        using var http = app.Browserless();
        var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/sign-in?returnUrl=" + Uri.EscapeDataString(url), location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    [Theory]
    [InlineData("/seller")]
    [InlineData("/seller/products/new")]
    [InlineData("/admin/shops")]
    public async Task A_shopper_gets_the_not_allowed_page(string url)
    {
        using var shopper = await SellerSession.SignUpAsync(app, "shopper");
        var response = await shopper.Pages.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Tidak diizinkan", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_shop_with_errors_names_the_fields_and_keeps_what_was_typed_then_opens_it_once()
    {
        using var merchant = await SellerSession.SignUpAsync(app);
        var home = await merchant.Pages.GetStringAsync("/seller");
        Assert.Contains("href=\"/seller/shop\"", home, StringComparison.Ordinal);

        var refused = await merchant.PostAsync("/seller/shop", "shop", new Dictionary<string, string>
        {
            ["Form.Name"] = "Kemplang <b>Bu Ani</b>",
            ["Form.CityCode"] = "",
            ["Form.Story"] = "<p>Digoreng <strong>setiap pagi</strong></p><script>alert(1)</script>",
            ["Form.ShippingRupiah"] = "-5",
        });
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"cityCode-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"subsectors-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Kemplang &lt;b&gt;Bu Ani&lt;/b&gt;", html, StringComparison.Ordinal); // kept, and encoded
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = $"Kemplang Bu Ani {Guid.NewGuid():N}"[..30],
            ["Form.CityCode"] = "16.71",
            ["subsectors"] = "kuliner",
            ["Form.Story"] = "<p>Digoreng <strong>setiap pagi</strong></p><script>alert(1)</script>",
            ["Form.ContactPhone"] = "+62 811 7000 123",
            ["Form.ShippingRupiah"] = "15.000",
        };
        var first = await merchant.PostAsync("/seller/shop", "shop", fields);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var again = await merchant.PostAsync("/seller/shop", "shop", fields); // the same form posted twice
        Assert.NotEqual(HttpStatusCode.InternalServerError, again.StatusCode);

        var shops = (await merchant.Api.GetJsonAsync("/api/v1/me/shops")).AsArray();
        var shop = Assert.Single(shops)!;
        Assert.Equal(1_500_000, shop["shippingFlatRate"]!["amount"]!.GetValue<long>());
        Assert.Equal("16.71", shop["city"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("script", shop["story"]!.GetValue<string>(), StringComparison.Ordinal);

        var edit = await merchant.Pages.GetStringAsync("/seller/shop");
        Assert.Contains("Belum terverifikasi", edit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_product_created_twice_from_one_form_is_one_draft_with_its_price_in_rupiah()
    {
        using var merchant = await SellerSession.SignUpAsync(app);
        var shop = await merchant.OpenShopAsync($"Pempek Cek {Guid.NewGuid():N}"[..24]);
        var form = await merchant.Pages.GetStringAsync("/seller/products/new");
        var key = Html.Hidden(form, "Form.FormKey");
        var name = $"Pempek kapal selam {Guid.NewGuid():N}"[..30];
        var fields = new Dictionary<string, string>
        {
            ["Form.FormKey"] = key,
            ["Form.Name"] = name,
            ["Form.PriceRupiah"] = "Rp 25.000",
            ["Form.Stock"] = "12",
            ["Form.Subsector"] = "kuliner",
            ["Form.Pirt"] = "P-IRT No. 2063573010123-25",
            ["Form.ShelfLifeDays"] = "3",
            ["Form.Materials"] = "ikan tenggiri, sagu",
            ["Form.Handmade"] = "true",
        };

        var posts = await Task.WhenAll(
            Html.PostFormAsync(merchant.Pages, "/seller/products/new", "product", form, fields),
            Html.PostFormAsync(merchant.Pages, "/seller/products/new", "product", form, fields));

        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.Equal(posts[0].Headers.Location, posts[1].Headers.Location);
        var products = await merchant.Api.GetJsonAsync($"/api/v1/shops/by-slug/{shop["slug"]}/products?status=draft");
        var product = Assert.Single(products["items"]!.AsArray())!;
        Assert.Equal(name, product["name"]!.GetValue<string>());
        Assert.Equal(2_500_000, product["price"]!["amount"]!.GetValue<long>());
        Assert.Equal(12, product["stock"]!.GetValue<int>());
        Assert.True(product["attributes"]!["handmade"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_product_form_with_bad_values_names_each_field_and_keeps_them()
    {
        using var merchant = await SellerSession.SignUpAsync(app);
        await merchant.OpenShopAsync($"Kriya Kediri {Guid.NewGuid():N}"[..24]);
        var response = await merchant.PostAsync("/seller/products/new", "product", new Dictionary<string, string>
        {
            ["Form.Name"] = "",
            ["Form.PriceRupiah"] = "25,5",
            ["Form.Stock"] = "-3",
            ["Form.Subsector"] = "kuliner",
            ["Form.Bpom"] = "bukan nomor 🌶️",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"name-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"price-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stock-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"bpom-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"bukan nomor ", html, StringComparison.Ordinal);
        Assert.Contains("value=\"25,5\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stock_is_set_from_the_list_and_a_negative_one_is_refused_on_its_row()
    {
        using var merchant = await SellerSession.SignUpAsync(app);
        var shop = await merchant.OpenShopAsync($"Tenun Ikat {Guid.NewGuid():N}"[..24]);
        var product = await merchant.AddProductAsync(shop["id"]!.GetValue<Guid>(), "Tenun ikat Kediri");
        var form = $"stock-{product["id"]!.GetValue<Guid>():N}";

        var refused = await merchant.PostAsync("/seller/products", form, new Dictionary<string, string> { ["quantity"] = "-1" });
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"{form}-error\"", html, StringComparison.Ordinal);

        var set = await merchant.PostAsync("/seller/products", form, new Dictionary<string, string> { ["quantity"] = "42" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(42, (await merchant.Api.GetJsonAsync($"/api/v1/products/{product["id"]}"))["stock"]!.GetValue<int>());

        var unpublished = await merchant.PostAsync("/seller/products", $"publish-{product["id"]!.GetValue<Guid>():N}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        Assert.Equal("draft", (await merchant.Api.GetJsonAsync($"/api/v1/products/{product["id"]}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_merchants_product_is_not_editable()
    {
        using var owner = await SellerSession.SignUpAsync(app);
        var shop = await owner.OpenShopAsync($"Batik Malang {Guid.NewGuid():N}"[..24]);
        var product = await owner.AddProductAsync(shop["id"]!.GetValue<Guid>(), "Batik Malangan");
        using var other = await SellerSession.SignUpAsync(app);
        await other.OpenShopAsync($"Keripik Tempe {Guid.NewGuid():N}"[..24]);

        var response = await other.Pages.GetAsync($"/seller/products/{product["id"]}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_phone_sized_photo_is_uploaded_with_its_alt_text_and_a_missing_alt_is_named()
    {
        using var merchant = await SellerSession.SignUpAsync(app);
        var shop = await merchant.OpenShopAsync($"Songket {Guid.NewGuid():N}"[..24]);
        var product = await merchant.AddProductAsync(shop["id"]!.GetValue<Guid>(), "Songket Palembang", publish: false);
        var url = $"/seller/products/{product["id"]}";

        var missingAlt = await PostPhotoAsync(merchant, url, alt: "");
        Assert.Contains("id=\"photo-alt-error\"", await missingAlt.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // As large as a phone's photo: above the host's 1 MB default body limit, which the page raises for photos.
        var uploaded = await PostPhotoAsync(merchant, url, alt: "Songket merah benang emas", padding: 3_000_000);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var images = (await merchant.Api.GetJsonAsync($"/api/v1/products/{product["id"]}/images")).AsArray();
        Assert.Equal("Songket merah benang emas", Assert.Single(images)!["alt"]!.GetValue<string>());
    }

    internal static async Task<HttpResponseMessage> PostPhotoAsync(SellerSession merchant, string url, string alt, int padding = 0)
    {
        var page = await merchant.Pages.GetStringAsync(url);
        using var content = new MultipartFormDataContent
        {
            { new StringContent("photo"), "_handler" },
            { new StringContent(Html.Hidden(page, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent(alt), "alt" },
            { new StringContent(alt.Length == 0 ? "" : "Red songket, gold thread"), "altEn" },
        };
        var file = new ByteArrayContent(TestImages.Png(64, 48, padding: padding));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        content.Add(file, "file", "songket.png");
        return await merchant.Pages.PostAsync(url, content);
    }
}
