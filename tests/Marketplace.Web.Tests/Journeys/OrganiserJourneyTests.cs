using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// A Dinas on a phone runs a pameran: creates and publishes it, approves a merchant's booth, sees the booth's paid sale
/// on the dashboard, downloads the Excel file that carries it, and finds the sale in the insights under the shop's
/// regency and sub-sector. The merchant's application and the shopper's purchase go through the API. axe finds no
/// violation on the dashboard and the insights page.
/// </summary>
public sealed partial class OrganiserJourneyTests(WebApp app) : IClassFixture<WebApp>, IAsyncLifetime
{
    private const string Malang = "35.73";
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task An_organiser_publishes_approves_sees_the_attributed_sale_exports_it_and_finds_it_in_the_insights()
    {
        var page = await _browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync("/sign-in?returnUrl=%2Forganiser");
        await page.GetByLabel("E-mail").FillAsync("organiser@demo.marketplace.id");
        await page.GetByLabel("Kata sandi").FillAsync(WebApp.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Konsol penyelenggara");

        // Create and publish.
        await page.GetByRole(AriaRole.Link, new() { Name = "Pameran baru" }).ClickAsync();
        var title = "Malang Kuliner Fest " + Guid.NewGuid().ToString("N")[..6];
        var starts = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddDays(14);
        await page.GetByLabel("Judul").FillAsync(title);
        await page.GetByLabel("Tema").FillAsync("Rasa Arek Malang");
        await page.GetByLabel("Kota/kabupaten tuan rumah").SelectOptionAsync(Malang);
        await page.GetByLabel("Mulai (WIB)").FillAsync(starts.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Selesai (WIB)").FillAsync(starts.AddDays(3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Kuliner").CheckAsync();
        await page.GetByLabel("Kapasitas kelas 1").FillAsync("30");
        await page.GetByLabel("Nama hall 1").FillAsync("Hall Bakso");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buat draf" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tersimpan.");
        var exhibitionId = Guid.Parse(EditUrl().Match(page.Url).Groups[1].Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Terbitkan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Pameran sudah terbit.");

        // A Malang merchant applies (API); the organiser approves in the console.
        var merchant = await app.SignUpAsync("merchant", "Bu Endang");
        var shop = await (await merchant.PostAsync("/api/v1/shops", new
        {
            name = "Bakso Bu Endang " + Guid.NewGuid().ToString("N")[..4],
            cityCode = Malang,
            subsectors = new[] { "kuliner" },
            shippingFlatRate = new { amount = 1_000_000, currency = "IDR" },
        })).JsonAsync();
        var shopId = shop["id"]!.GetValue<string>();
        var shopName = shop["name"]!.GetValue<string>();
        var product = await (await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name = "Bakso Malang Beku",
            price = new { amount = 4_500_000, currency = "IDR" },
            subsector = "kuliner",
            stock = 40,
            imageUrls = new[] { "https://img.example.id/bakso.jpg" },
        })).JsonAsync();
        var productId = product["id"]!.GetValue<string>();
        await (await merchant.PostAsync($"/api/v1/products/{productId}/publish")).ShouldHaveStatusAsync(200);
        await (await merchant.PostAsync($"/api/v1/exhibitions/{exhibitionId}/booth-applications", new
        {
            tier = "Standard",
            pitch = "<p>Bakso urat khas Malang.</p>",
            productIds = new[] { productId },
        })).ShouldHaveStatusAsync(201);

        await page.GotoAsync($"/organiser/exhibitions/{exhibitionId}/applications?status=pending");
        await Assertions.Expect(page.GetByText(shopName)).ToBeVisibleAsync();
        await page.GetByLabel("Tempatkan di hall").SelectOptionAsync("Hall Bakso");
        await page.GetByRole(AriaRole.Button, new() { Name = "Setujui" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("disetujui");
        await Assertions.Expect(page.GetByText("Standard: 1 dari 30 terisi").First).ToBeVisibleAsync();

        // A shopper buys from the booth (API); the merchant confirms the transfer.
        var merchantApplications = await merchant.GetJsonAsync("/api/v1/me/booth-applications");
        var boothId = merchantApplications.AsArray().Single(a => a!["exhibitionId"]!.GetValue<string>() == exhibitionId.ToString())!["boothId"]!.GetValue<string>();
        var shopper = await app.SignUpAsync("shopper", "Rini");
        await (await shopper.PostAsync("/api/v1/cart/items", new { productId, quantity = 2, boothId })).ShouldHaveStatusAsync(200);
        var checkout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new
            {
                shippingAddress = new { recipient = "Rini", phone = "+62 812 5555 6666", line1 = "Jl. Ijen 5", cityCode = "16.71", postalCode = "30111" },
                paymentMethod = "manual",
            }),
        };
        checkout.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var placed = await shopper.Http.SendAsync(checkout);
        await placed.ShouldHaveStatusAsync(201);
        var orderId = (await placed.JsonAsync())["orders"]![0]!["id"]!.GetValue<string>();
        await (await merchant.PostAsync($"/api/v1/orders/{orderId}/confirm-payment")).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();

        // The dashboard shows the sale.
        await page.GotoAsync($"/organiser/exhibitions/{exhibitionId}/dashboard");
        await Assertions.Expect(page.Locator("[data-kpi=orders]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-kpi=sales]")).ToContainTextAsync("90.000");
        await Assertions.Expect(page.Locator("svg[data-chart=sales-by-booth]")).ToBeVisibleAsync();
        await Accessibility.Axe.AssertNoViolationsAsync(page, "organiser dashboard");
        await Browser.ScreenshotAsync(page, "organiser-dashboard");

        // The Excel export carries it.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Excel — Booth dan hasilnya" }).ClickAsync());
        var path = Path.Combine(app.DataDirectory, "booths.xlsx");
        await download.SaveAsAsync(path);
        using (var workbook = new XLWorkbook(path))
        {
            var sheet = workbook.Worksheet(1);
            var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
            var row = sheet.RowsUsed().Skip(1).Single(r => r.Cell(headers.IndexOf("shop") + 1).GetString() == shopName);
            Assert.Equal(1, row.Cell(headers.IndexOf("paid_orders") + 1).GetValue<long>());
            Assert.Equal(9_000_000, row.Cell(headers.IndexOf("paid_sales_minor") + 1).GetValue<long>());
        }

        // The insights: the sale under Kota Malang and kuliner.
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await page.GotoAsync($"/insights?province=35&city={Malang}&subsector=kuliner&from={month}&to={month}");
        await Assertions.Expect(page.Locator("#regions tbody tr").First).ToContainTextAsync("Kota Malang");
        var orders = long.Parse((await page.Locator("[data-kpi=orders]").InnerTextAsync()).Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.True(orders >= 1, $"paid orders shown: {orders}");
        await Assertions.Expect(page.Locator("[data-kpi=attributed]")).Not.ToHaveTextAsync("Rp0");
        await Assertions.Expect(page.Locator("#subsectors")).ToContainTextAsync("Kuliner");
        await Accessibility.Axe.AssertNoViolationsAsync(page, "insights");
        await Browser.ScreenshotAsync(page, "insights");
    }

    [GeneratedRegex(@"/organiser/exhibitions/([0-9a-f-]{36})/edit")]
    private static partial Regex EditUrl();
}
