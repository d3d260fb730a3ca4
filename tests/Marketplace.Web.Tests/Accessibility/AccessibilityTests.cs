using Marketplace.Identity.Contracts;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Accessibility;

/// <summary>
/// Every shopper and visitor page, at phone size, in Indonesian and English, and the signed-in seller centre and
/// organiser console, with 0 axe violations (WCAG 2.1 A/AA and best practices). One app and one browser for the class;
/// each page is opened as its user would reach it, one after another.
/// </summary>
public sealed class AccessibilityTests(WebApp app) : IClassFixture<WebApp>, IAsyncLifetime
{
    private const string LiveExpo = DemoPaths.LiveExpo;
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Theory]
    [InlineData("id-ID")]
    [InlineData("en-US")]
    public async Task Every_page_a_visitor_opens_has_no_axe_violations(string locale)
    {
        var (product, shopSlug, booth) = await DemoPaths.ResolveAsync(app);
        var page = await _browser.NewPageAsync(app.BaseUrl, locale);
        foreach (var path in new[]
                 {
                     "/", "/search?q=pempek", $"/products/{product}", $"/shops/{shopSlug}", "/exhibitions", $"/exhibitions/{LiveExpo}",
                     $"/exhibitions/{LiveExpo}/booths/{booth}", $"/exhibitions/{LiveExpo}/clinics", "/cart", "/sign-in", "/register", "/not-found",
                 })
        {
            await page.GotoAsync(path);
            await Axe.AssertNoViolationsAsync(page, path);
        }
    }

    [Fact]
    public async Task The_signed_in_shoppers_pages_have_no_axe_violations()
    {
        var (product, _, _) = await DemoPaths.ResolveAsync(app);
        var page = await _browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("E-mail").FillAsync(WebApp.DemoShopper);
        await page.GetByLabel("Kata sandi").FillAsync(WebApp.DemoPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));

        await page.GotoAsync($"/products/{product}");
        await page.Locator("main form button[type=submit]").First.ClickAsync(); // to the cart
        foreach (var path in new[] { "/cart", "/checkout", "/orders", "/wishlist", "/notifications", "/conversations", "/clinics/bookings", $"/products/{product}" })
        {
            await page.GotoAsync(path);
            await Axe.AssertNoViolationsAsync(page, path);
        }
    }

    [Fact]
    public async Task The_seller_centre_and_the_organiser_console_have_no_axe_violations()
    {
        // The demo merchant's shop gets an order from the demo shopper (API), so the orders pages have one to show.
        var merchant = await app.SignInAsync(DemoAccounts.MerchantEmail(1), WebApp.DemoPassword);
        var shop = (await merchant.GetJsonAsync("/api/v1/me/shops")).AsArray()[0]!;
        var products = (await app.Anonymous().GetJsonAsync($"/api/v1/shops/by-slug/{shop["slug"]}/products?pageSize=1"))["items"]!.AsArray(); // published
        var product = products[0]!["id"]!.GetValue<string>();
        var shopper = await app.SignInAsync(WebApp.DemoShopper, WebApp.DemoPassword);
        Assert.True((await shopper.PostAsync("/api/v1/cart/items", new { productId = product, quantity = 1 })).IsSuccessStatusCode);
        var placed = await CheckOutManuallyAsync(shopper, "Sari");
        var order = (await placed.JsonAsync())["orders"]!.AsArray() // the shopper's cart may hold other shops' products too
            .Single(o => o!["shop"]!["id"]!.GetValue<string>() == shop["id"]!.GetValue<string>())!["id"]!.GetValue<string>();
        var booths = (await merchant.GetJsonAsync("/api/v1/me/booth-applications")).AsArray()
            .Select(a => a!["boothId"]?.GetValue<string>()).OfType<string>().Take(1).ToList();

        var seller = await SignedInPageAsync(DemoAccounts.MerchantEmail(1), "/seller");
        foreach (var path in new[] { "/seller", "/seller/products", $"/seller/products/{product}", "/seller/products/new", "/seller/orders", $"/seller/orders/{order}", "/seller/shop", "/seller/vouchers", "/seller/exhibitions", "/seller/money" }
                     .Concat(booths.SelectMany(b => new[] { $"/seller/booths/{b}", $"/seller/booths/{b}/leads", $"/seller/booths/{b}/analytics" })))
        {
            await seller.GotoAsync(path);
            await Axe.AssertNoViolationsAsync(seller, path);
        }

        var expo = (await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/by-slug/{LiveExpo}"))["id"]!.GetValue<string>();
        // A clinic at the live expo mentored by the demo shopper, so the organiser's clinic page and the mentor's page list one.
        var shopperId = (await shopper.GetJsonAsync("/api/v1/me"))["id"]!.GetValue<string>();
        var organiserApi = await app.SignInAsync(DemoAccounts.OrganiserEmail, WebApp.DemoPassword);
        var scheduled = await organiserApi.PostAsync($"/api/v1/exhibitions/{expo}/clinics", new
        {
            topic = "financing", title = "Klinik Pembiayaan", mentorName = "Pak Budi", mentorUserId = shopperId,
            startsAt = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            slotMinutes = 20, slotCount = 2,
        });
        Assert.True(scheduled.IsSuccessStatusCode, await scheduled.Content.ReadAsStringAsync());
        var organiser = await SignedInPageAsync(DemoAccounts.OrganiserEmail, "/organiser");
        foreach (var path in new[] { "/organiser", $"/organiser/exhibitions/{expo}/edit", $"/organiser/exhibitions/{expo}/applications", $"/organiser/exhibitions/{expo}/dashboard", $"/organiser/exhibitions/{expo}/clinics", "/organiser/exhibitions/new", "/insights" })
        {
            await organiser.GotoAsync(path);
            await Axe.AssertNoViolationsAsync(organiser, path);
        }

        var mentor = await SignedInPageAsync(WebApp.DemoShopper, "/clinics/mentoring");
        await Axe.AssertNoViolationsAsync(mentor, "/clinics/mentoring");
    }

    [Fact]
    public async Task The_review_form_with_photos_and_a_review_list_with_thumbnails_have_no_axe_violations()
    {
        var merchant = await app.SignUpAsync("merchant");
        var shop = await (await merchant.PostAsync("/api/v1/shops", new { name = $"Songket Axe {Guid.NewGuid():N}"[..24], cityCode = "16.71", subsectors = new[] { "kriya" } })).JsonAsync();
        var created = await merchant.PostAsync($"/api/v1/shops/{shop["id"]}/products", new
        {
            name = "Songket Lepus " + Guid.NewGuid().ToString("N")[..6],
            price = new { amount = 150_000_000, currency = "IDR" },
            subsector = "kriya",
            stock = 5,
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var product = (await created.JsonAsync())["id"]!.GetValue<string>();
        Assert.True((await merchant.PostAsync($"/api/v1/products/{product}/publish")).IsSuccessStatusCode);

        var shopper = await app.SignUpAsync("shopper", "Ayu Pembeli");
        Assert.True((await shopper.PostAsync("/api/v1/cart/items", new { productId = product, quantity = 1 })).IsSuccessStatusCode);
        var placed = await CheckOutManuallyAsync(shopper, "Ayu");
        var order = (await placed.JsonAsync())["orders"]![0]!["id"]!.GetValue<string>();
        Assert.True((await merchant.PostAsync($"/api/v1/orders/{order}/confirm-payment")).IsSuccessStatusCode);
        Assert.True((await merchant.PostAsync($"/api/v1/orders/{order}/ship", new { carrier = "JNE", trackingNumber = "JNE123456789" })).IsSuccessStatusCode);
        Assert.True((await shopper.PostAsync($"/api/v1/orders/{order}/complete")).IsSuccessStatusCode);
        var line = (await shopper.GetJsonAsync($"/api/v1/orders/{order}"))["lines"]![0]!["id"]!.GetValue<string>();
        var review = (await (await shopper.PostAsync("/api/v1/reviews", new { orderLineId = line, rating = 5, text = "Tenunannya rapi." })).JsonAsync())["id"]!.GetValue<string>();
        var photo = new ByteArrayContent(Seller.TestImages.Png(90, 60, seed: 9)) { Headers = { ContentType = new("image/png") } };
        Assert.True((await shopper.Http.PutAsync($"/api/v1/reviews/{review}/photos?alt=Songket%20merah&altEn=Red%20songket", photo)).IsSuccessStatusCode);
        // The demo data's photos are processed first on a fresh app: a generous deadline.
        await Eventually.HoldsAsync(async () => (await shopper.GetJsonAsync($"/api/v1/reviews/{review}"))["photos"]!.AsArray().Count == 1,
            TimeSpan.FromSeconds(150), "the review's photo is ready");

        var page = await SignedInPageAsync(shopper.Email!, $"/orders/{order}", "Rahasia-123-Pasar");
        foreach (var path in new[] { $"/orders/{order}/lines/{line}/review", $"/products/{product}?reviews=photos" })
        {
            await page.GotoAsync(path);
            Assert.Equal(1, await page.Locator("img[alt='Songket merah']").CountAsync());
            await Axe.AssertNoViolationsAsync(page, path);
        }
    }

    /// <summary>A fresh profile signed in through the sign-in page, landing on <paramref name="returnUrl"/>.</summary>
    private async Task<IPage> SignedInPageAsync(string email, string returnUrl, string password = WebApp.DemoPassword)
    {
        var page = await _browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync("/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(returnUrl, StringComparison.Ordinal));
        return page;
    }

    /// <summary>Checks the shopper's cart out by manual transfer to a Palembang address; the response has succeeded.</summary>
    private static async Task<HttpResponseMessage> CheckOutManuallyAsync(ApiClient shopper, string recipient)
    {
        var placed = await shopper.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString("N") } },
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                shippingAddress = new { recipient, phone = "081234567890", line1 = "Jl. Merdeka 1", cityCode = "16.71", postalCode = "30111" },
                paymentMethod = "manual",
            }),
        });
        Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync());
        return placed;
    }
}
