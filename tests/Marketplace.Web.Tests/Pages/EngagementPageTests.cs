using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Marketplace.Web.Tests.Pages;

/// <summary>Reviews, the wishlist, following and notifications as a browser without JavaScript uses them.</summary>
public sealed partial class EngagementPageTests(WebApp app) : IClassFixture<WebApp>
{
    private const string Password = "Rahasia-123-Pasar";

    [Fact]
    public async Task A_buyer_reviews_a_line_from_the_order_page_and_the_review_shows_on_the_product_and_shop_pages()
    {
        var (merchant, shopSlug, productId, productName) = await ShopWithProductAsync();
        var shopper = await app.SignUpAsync("shopper", "Siti Pembeli");
        var (orderId, lineId) = await BuyAsync(shopper, merchant, productId, complete: false);
        using var browser = await BrowserSignedInAsync(shopper.Email!);

        // Not yet delivered: the API's refusal is shown on the form, and what was typed stays.
        var url = $"/orders/{orderId}/lines/{lineId}/review";
        var form = await browser.GetStringAsync(url);
        var early = await Html.PostFormAsync(browser, url, "write-review", form, new Dictionary<string, string>
        {
            ["Form.Rating"] = "5",
            ["Form.Text"] = "Belum sampai",
        });
        var earlyHtml = await early.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("role=\"alert\"", earlyHtml, StringComparison.Ordinal);
        Assert.Contains("Belum sampai", earlyHtml, StringComparison.Ordinal);

        await (await shopper.PostAsync($"/api/v1/orders/{orderId}/complete")).ShouldHaveStatusAsync(200);
        var orderPage = await browser.GetStringAsync($"/orders/{orderId}");
        Assert.Contains(url, orderPage, StringComparison.Ordinal);

        // Rating 0 is a field error; a good review with HTML is stored sanitized.
        form = await browser.GetStringAsync(url);
        var bad = await Html.PostFormAsync(browser, url, "write-review", form, new Dictionary<string, string> { ["Form.Rating"] = "0", ["Form.Text"] = "x" });
        Assert.Contains("id=\"rating-error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var posted = await Html.PostFormAsync(browser, url, "write-review", form, new Dictionary<string, string>
        {
            ["Form.Rating"] = "4",
            ["Form.Text"] = "Renyah sekali <script>alert(1)</script>",
        });
        Assert.Contains("Ulasan Anda tersimpan", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await app.DrainOutboxAsync();
        var productPage = await browser.GetStringAsync($"/products/{productId}");
        Assert.Contains("Renyah sekali", productPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", productPage, StringComparison.Ordinal);
        Assert.Contains("Siti Pembeli", productPage, StringComparison.Ordinal);
        await WaitForAsync(async () => (await browser.GetStringAsync($"/shops/{shopSlug}")).Contains("1 ulasan", StringComparison.Ordinal), "the shop's rating");

        // Editing keeps one review: the form is prefilled and a second save edits it.
        form = await browser.GetStringAsync(url);
        Assert.Contains("Ubah ulasan Anda", form, StringComparison.Ordinal);
        await Html.PostFormAsync(browser, url, "write-review", form, new Dictionary<string, string> { ["Form.Rating"] = "5", ["Form.Text"] = "Lebih enak lagi" });
        var mine = await shopper.GetJsonAsync("/api/v1/me/reviews");
        Assert.Equal(1, mine["total"]!.GetValue<int>());
        Assert.Equal(5, mine["items"]![0]!["rating"]!.GetValue<int>());
        Assert.Contains(productName, productPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_buyer_attaches_photos_to_the_review_form_and_the_product_page_shows_their_thumbnails()
    {
        var (merchant, _, productId, _) = await ShopWithProductAsync();
        var shopper = await app.SignUpAsync("shopper", "Rina Pembeli");
        var (orderId, lineId) = await BuyAsync(shopper, merchant, productId, complete: true);
        using var browser = await BrowserSignedInAsync(shopper.Email!);
        var url = $"/orders/{orderId}/lines/{lineId}/review";
        var form = await browser.GetStringAsync(url);
        Assert.Contains("type=\"file\"", form, StringComparison.Ordinal);
        Assert.Contains("multiple", form, StringComparison.Ordinal);

        // A photo without its description is the page's own field error, and nothing is saved.
        var missingAlt = await PostReviewWithPhotosAsync(browser, url, form, alt: "", files: [Seller.TestImages.Png(64, 48, seed: 5)]);
        Assert.Contains("id=\"alt-error\"", await missingAlt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await shopper.GetJsonAsync("/api/v1/me/reviews"))["total"]!.GetValue<int>());

        // Not an image (and larger than the host's 1 MB default body limit, which this page raises for photos): the review
        // is saved, the API's refusal of the file is shown by the file input.
        byte[] notAnImage = [.. "<script>alert(1)</script>"u8, .. new byte[1_500_000]];
        var notImage = await PostReviewWithPhotosAsync(browser, url, form, alt: "Kemplang di piring", files: [notAnImage]);
        Assert.Equal(HttpStatusCode.OK, notImage.StatusCode);
        var notImageHtml = await notImage.Content.ReadAsStringAsync();
        Assert.Contains("id=\"file-error\"", notImageHtml, StringComparison.Ordinal);
        Assert.Contains("Ulasan Anda tersimpan", notImageHtml, StringComparison.Ordinal);

        form = await browser.GetStringAsync(url);
        var posted = await PostReviewWithPhotosAsync(browser, url, form, alt: "Kemplang di piring",
            files: [Seller.TestImages.Png(64, 48, seed: 6), Seller.TestImages.Png(80, 40, seed: 7)]);
        var postedHtml = await posted.Content.ReadAsStringAsync();
        Assert.Contains("Ulasan Anda tersimpan", postedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("field-error", postedHtml, StringComparison.Ordinal);

        // Once processed, the product page shows the small variants, lazy-loaded, with their alt text, linking to the full ones.
        var thumbnails = new List<Match>();
        // The demo data's own photos are processed first (oldest first) on this fresh app: a generous deadline, as ShopperPageTests.
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (true)
        {
            var page = await browser.GetStringAsync($"/products/{productId}?reviews=photos");
            thumbnails = ReviewThumbnail().Matches(page).ToList();
            if (thumbnails.Count == 2)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "The review's two photos were not shown within 150 s: " +
                (await shopper.GetJsonAsync($"/api/v1/me/reviews"))["items"]!.ToJsonString());
            await Task.Delay(500);
        }
        Assert.All(thumbnails, t => Assert.Equal("Kemplang di piring", t.Groups["alt"].Value));
        var full = thumbnails[0].Groups["full"].Value;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(full)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(thumbnails[0].Groups["thumb"].Value)).StatusCode);

        // The edit form shows them and removes one.
        form = await browser.GetStringAsync(url);
        var photoId = Regex.Match(form, "name=\"RemovePhoto\" value=\"([0-9a-f-]+)\"").Groups[1].Value;
        var kept = await Html.PostFormAsync(browser, url, "write-review", form, new Dictionary<string, string>
        {
            ["Form.Rating"] = "5",
            ["RemovePhoto"] = photoId,
        });
        Assert.Contains("Ulasan Anda tersimpan", await kept.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var review = (await shopper.GetJsonAsync("/api/v1/me/reviews"))["items"]![0]!;
        Assert.Single(review["photos"]!.AsArray());
        Assert.NotEqual(photoId, review["photos"]![0]!["id"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> PostReviewWithPhotosAsync(HttpClient browser, string url, string pageHtml, string alt, byte[][] files)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent("write-review"), "_handler" },
            { new StringContent(Html.Hidden(pageHtml, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent("4"), "Form.Rating" },
            { new StringContent("Sampai dengan rapi, lihat fotonya."), "Form.Text" },
            { new StringContent(alt), "alt" },
            { new StringContent(alt.Length == 0 ? "" : "Kemplang on a plate"), "altEn" },
        };
        for (var i = 0; i < files.Length; i++)
        {
            var file = new ByteArrayContent(files[i]);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            content.Add(file, "file", $"foto-{i}.png");
        }

        return await browser.PostAsync(url, content);
    }

    [Fact]
    public async Task Others_vote_helpful_and_report_and_the_shop_owner_answers_from_the_product_page()
    {
        var (merchant, _, productId, _) = await ShopWithProductAsync();
        var buyer = await app.SignUpAsync("shopper");
        var (orderId, lineId) = await BuyAsync(buyer, merchant, productId, complete: true);
        await (await buyer.PostAsync("/api/v1/reviews", new { orderLineId = lineId, rating = 3, text = "Cukup" })).ShouldHaveStatusAsync(201);
        Assert.NotEqual(Guid.Empty, orderId);
        var reviewId = (await buyer.GetJsonAsync("/api/v1/me/reviews"))["items"]![0]!["id"]!.GetValue<string>();

        var reader = await app.SignUpAsync("shopper");
        using var browser = await BrowserSignedInAsync(reader.Email!);
        var page = await browser.GetStringAsync($"/products/{productId}");
        Assert.DoesNotContain($"/reviews/{reviewId}/answer", page, StringComparison.Ordinal);
        var voted = await Html.PostFormAsync(browser, $"/products/{productId}", "review-votes", page, new Dictionary<string, string> { ["Vote"] = "+" + reviewId });
        Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
        Assert.Contains("Membantu (1)", await browser.GetStringAsync($"/products/{productId}"), StringComparison.Ordinal);

        var reportUrl = $"/reviews/{reviewId}/report";
        var reportForm = await browser.GetStringAsync(reportUrl);
        var empty = await Html.PostFormAsync(browser, reportUrl, "review-action", reportForm, new Dictionary<string, string> { ["Text"] = "" });
        Assert.Contains("id=\"reason-error\"", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reported = await Html.PostFormAsync(browser, reportUrl, "review-action", reportForm, new Dictionary<string, string> { ["Text"] = "Bukan tentang produk ini" });
        Assert.Contains("moderator", await reported.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Someone else cannot answer for the shop: the API's 403 is shown, nothing is stored.
        var answerUrl = $"/reviews/{reviewId}/answer";
        var answerForm = await browser.GetStringAsync(answerUrl);
        var refused = await Html.PostFormAsync(browser, answerUrl, "review-action", answerForm, new Dictionary<string, string> { ["Text"] = "Saya bukan pemilik" });
        Assert.Contains("role=\"alert\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var owner = await BrowserSignedInAsync(merchant.Email!);
        Assert.Contains(answerUrl, await owner.GetStringAsync($"/products/{productId}"), StringComparison.Ordinal);
        answerForm = await owner.GetStringAsync(answerUrl);
        await Html.PostFormAsync(owner, answerUrl, "review-action", answerForm, new Dictionary<string, string> { ["Text"] = "Terima kasih, Kak!" });
        var after = await browser.GetStringAsync($"/products/{productId}");
        Assert.Contains("Terima kasih, Kak!", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Saya bukan pemilik", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shopper_saves_to_the_wishlist_follows_a_shop_and_reads_its_news_with_an_unread_badge()
    {
        var (merchant, shopSlug, productId, productName) = await ShopWithProductAsync();
        var shopper = await app.SignUpAsync("shopper");
        using var browser = await BrowserSignedInAsync(shopper.Email!);

        var productUrl = $"/products/{productId}";
        var page = await browser.GetStringAsync(productUrl);
        var saved = await Html.PostFormAsync(browser, productUrl, "wishlist", page, new Dictionary<string, string> { ["Save"] = "on" });
        Assert.Contains("aria-pressed=\"true\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(productName, await browser.GetStringAsync("/wishlist"), StringComparison.Ordinal);

        var shopUrl = $"/shops/{shopSlug}";
        var shopPage = await browser.GetStringAsync(shopUrl);
        await Html.PostFormAsync(browser, shopUrl, "follow", shopPage, new Dictionary<string, string> { ["Follow"] = "on" });
        Assert.Contains("Diikuti", await browser.GetStringAsync(shopUrl), StringComparison.Ordinal);

        var shopId = (await app.Anonymous().GetJsonAsync($"/api/v1/shops/by-slug/{shopSlug}"))["id"]!.GetValue<string>();
        var second = await PublishAsync(merchant, Guid.Parse(shopId), "Pempek Kapal Selam Baru");
        await WaitForAsync(async () => (await browser.GetStringAsync("/notifications")).Contains("Pempek Kapal Selam Baru", StringComparison.Ordinal), "the new product's notification");
        var list = await browser.GetStringAsync("/notifications");
        Assert.Matches(BadgeOne(), list);

        // Opening it marks it read and leads to the product's page.
        var notificationId = (await shopper.GetJsonAsync("/api/v1/me/notifications"))["items"]![0]!["id"]!.GetValue<string>();
        var opened = await Html.PostFormAsync(browser, "/notifications", "notifications", list, new Dictionary<string, string> { ["Open"] = notificationId });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.EndsWith($"/products/{second}", opened.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await shopper.GetJsonAsync("/api/v1/me/notifications/unread-count"))["unread"]!.GetValue<int>());

        // Signed out, the buttons lead to sign-in instead.
        using var guest = app.Browserless();
        Assert.Contains("/sign-in?returnUrl=", await guest.GetStringAsync(shopUrl), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await guest.GetAsync("/wishlist")).StatusCode);
    }

    private async Task<(ApiClient Merchant, string ShopSlug, Guid ProductId, string ProductName)> ShopWithProductAsync()
    {
        var merchant = await app.SignUpAsync("merchant");
        var name = $"Pempek Cek Ani {Guid.NewGuid():N}"[..28];
        var created = await merchant.PostAsync("/api/v1/shops", new { name, cityCode = "16.71", subsectors = new[] { "kuliner" } });
        await created.ShouldHaveStatusAsync(201);
        var shop = await created.JsonAsync();
        var productName = "Kemplang Panggang " + Guid.NewGuid().ToString("N")[..6];
        var productId = await PublishAsync(merchant, Guid.Parse(shop["id"]!.GetValue<string>()), productName);
        return (merchant, shop["slug"]!.GetValue<string>(), productId, productName);
    }

    private static async Task<Guid> PublishAsync(ApiClient merchant, Guid shopId, string name)
    {
        var created = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name,
            description = "Kerupuk ikan tenggiri khas Palembang.",
            price = new { amount = 3_500_000, currency = "IDR" },
            subsector = "kuliner",
            stock = 50,
        });
        await created.ShouldHaveStatusAsync(201);
        var id = Guid.Parse((await created.JsonAsync())["id"]!.GetValue<string>());
        await (await merchant.PostAsync($"/api/v1/products/{id}/publish")).ShouldHaveStatusAsync(200);
        return id;
    }

    /// <summary>Buys one unit, the merchant confirms and ships; with <paramref name="complete"/> the shopper completes.</summary>
    private static async Task<(Guid OrderId, Guid LineId)> BuyAsync(ApiClient shopper, ApiClient merchant, Guid productId, bool complete)
    {
        await (await shopper.PostAsync("/api/v1/cart/items", new { productId, quantity = 1 })).ShouldHaveStatusAsync(200);
        var checkout = await shopper.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString("N") } },
            Content = JsonContent.Create(new
            {
                shippingAddress = new { recipient = "Siti", phone = "081234567890", line1 = "Jl. Merdeka 1", cityCode = "16.71", postalCode = "30111" },
                paymentMethod = "manual",
            }),
        });
        await checkout.ShouldHaveStatusAsync(201);
        var order = (await checkout.JsonAsync())["orders"]![0]!;
        var orderId = order["id"]!.GetValue<string>();
        await (await merchant.PostAsync($"/api/v1/orders/{orderId}/confirm-payment")).ShouldHaveStatusAsync(200);
        await (await merchant.PostAsync($"/api/v1/orders/{orderId}/ship", new { carrier = "JNE", trackingNumber = "JNE123456789" })).ShouldHaveStatusAsync(200);
        if (complete)
        {
            await (await shopper.PostAsync($"/api/v1/orders/{orderId}/complete")).ShouldHaveStatusAsync(200);
        }

        var lineId = (await shopper.GetJsonAsync($"/api/v1/orders/{orderId}"))["lines"]![0]!["id"]!.GetValue<string>();
        return (Guid.Parse(orderId), Guid.Parse(lineId));
    }

    private async Task<HttpClient> BrowserSignedInAsync(string email)
    {
        var http = app.Browserless();
        var page = await http.GetStringAsync("/sign-in");
        var response = await Html.PostFormAsync(http, "/sign-in", "sign-in", page, new Dictionary<string, string>
        {
            ["Form.Email"] = email,
            ["Form.Password"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await app.DrainOutboxAsync();
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("<a href=\"(?<full>/media/[^\"]+)\"><img src=\"(?<thumb>/media/[^\"]+)\" alt=\"(?<alt>[^\"]*)\"[^>]*loading=\"lazy\"")]
    private static partial Regex ReviewThumbnail();

    [GeneratedRegex("href=\"/notifications\"[^>]*>[^<]*<span class=\"badge\"[^>]*>1</span>")]
    private static partial Regex BadgeOne();
}
