using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Seller;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// An ibu from Palembang on her phone: signs up as a seller, opens her shop, adds kemplang with a photo and publishes it,
/// applies to the demo organiser's upcoming Festival Mbois Malang (the organiser approves through the API), dresses her
/// booth; a shopper buys from the booth; she confirms the transfer, ships, and sees the money waiting in her balance.
/// axe finds nothing on the dashboard, the product form and the leads inbox. One app and one browser for the class.
/// </summary>
public sealed partial class SellerJourneyTests(WebApp app) : IClassFixture<WebApp>, IAsyncLifetime
{
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task A_new_merchant_opens_a_shop_sells_from_her_booth_ships_and_sees_her_balance()
    {
        var page = await _browser.NewPageAsync(app.BaseUrl);
        // An upload waits for the photo's variants to be made, and uploads and order confirmations wait for the outbox:
        // on a busy shared machine that outlasts the default 15 s.
        page.SetDefaultTimeout(60_000);
        var email = $"ani-{Guid.NewGuid():N}@kemplang.id";
        var shopName = $"Kemplang Bu Ani {Guid.NewGuid():N}"[..24];

        // Sign up as a seller.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Berjualan di Pasar Kreatif" }).ClickAsync();
        await page.GetByLabel("Nama").FillAsync("Ani Suryani");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync("Rahasia-123-Pasar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftar dan buka toko" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Buka toko");

        // Open the shop.
        await page.GetByLabel("Nama toko").FillAsync(shopName);
        await page.GetByLabel("Kota/kabupaten").SelectOptionAsync("16.71");
        await page.GetByLabel("Kuliner").CheckAsync();
        await page.Locator("textarea#story").FillAsync("Digoreng setiap pagi di Seberang Ulu.");
        await page.Locator("textarea#story").SelectTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Paragraf" }).ClickAsync(); // the toolbar wraps it in <p>
        await page.GetByLabel("Telepon/WhatsApp").FillAsync("+62 811 7000 123");
        await page.GetByLabel("Ongkos kirim tetap (Rp)").FillAsync("15.000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buka toko" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tersimpan.");
        await Assertions.Expect(page.Locator("textarea#story")).ToHaveValueAsync("<p>Digoreng setiap pagi di Seberang Ulu.</p>");

        // A product with a photo, published.
        await page.GotoAsync("/seller/products/new");
        await page.GetByLabel("Nama produk", new() { Exact = true }).FillAsync("Kemplang panggang");
        await page.GetByLabel("Nama dalam bahasa Inggris").FillAsync("Grilled fish crackers");
        await page.GetByLabel("Harga (Rp)").FillAsync("25.000");
        await page.GetByLabel("Stok awal").FillAsync("30");
        await page.GetByLabel("Nomor P-IRT").FillAsync("P-IRT No. 2063573010123-25");
        await page.GetByLabel("Buatan tangan").CheckAsync();
        await Accessibility.Axe.AssertNoViolationsAsync(page, "the product form");
        await Browser.ScreenshotAsync(page, "seller-product-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan sebagai draf" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Ubah produk");
        var photo = Path.Combine(Path.GetTempPath(), $"kemplang-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, TestImages.Png(120, 90));
        await page.GetByLabel("Berkas gambar (JPEG, PNG atau WebP)").SetInputFilesAsync(photo);
        await page.GetByLabel("Keterangan gambar (untuk pembaca layar)").FillAsync("Kemplang panggang di atas tampah");
        await page.GetByLabel("Keterangan dalam bahasa Inggris").FillAsync("Grilled fish crackers on a tray");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unggah" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-list > li")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tayangkan" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Turunkan" }).First).ToBeVisibleAsync();
        var productId = Guid.Parse(ProductId().Match(page.Url).Groups[1].Value);

        // Apply to the upcoming festival; the demo organiser approves through the API.
        await page.GotoAsync("/seller/exhibitions");
        await page.Locator("li", new() { HasText = "Festival Mbois Malang" }).GetByRole(AriaRole.Link, new() { Name = "Ajukan booth" }).ClickAsync();
        await page.Locator("textarea#pitch").FillAsync("<p>Kemplang asli Palembang untuk Malang.</p>");
        await page.GetByLabel("Kemplang panggang").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajukan booth" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Menunggu keputusan")).ToBeVisibleAsync();
        var organiser = await app.SignInAsync("organiser@demo.marketplace.id", WebApp.DemoPassword);
        var festival = await organiser.GetJsonAsync("/api/v1/exhibitions/by-slug/festival-mbois-malang");
        var applications = await organiser.GetJsonAsync($"/api/v1/exhibitions/{festival["id"]}/booth-applications?status=pending&pageSize=100");
        var application = applications["items"]!.AsArray().Single(a => a!["shopName"]!.GetValue<string>() == shopName)!;
        await (await organiser.PostAsync($"/api/v1/booth-applications/{application["id"]}/approve")).ShouldHaveStatusAsync(200);

        // Dress the booth.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Tata booth" }).ClickAsync();
        await page.Locator("textarea#story").FillAsync("<p>Dari Sungai Musi ke Malang.</p>");
        await page.GetByLabel("Kemplang panggang").CheckAsync();
        await page.GetByLabel("Judul dokumen 1").FillAsync("Daftar harga grosir");
        await page.GetByLabel("Tautan dokumen 1").FillAsync("https://kemplang.id/harga.pdf");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tersimpan.");
        await Browser.ScreenshotAsync(page, "seller-booth");
        var boothId = Guid.Parse(BoothId().Match(page.Url).Groups[1].Value);
        await page.GotoAsync($"/seller/booths/{boothId:D}/leads");
        await Accessibility.Axe.AssertNoViolationsAsync(page, "the leads inbox");

        // A shopper buys from the booth.
        var order = await SellerSession.BuyAsync(app, productId, 2, boothId);

        // Confirm the transfer, ship.
        await page.GotoAsync("/seller");
        await Accessibility.Axe.AssertNoViolationsAsync(page, "the seller dashboard");
        await Browser.ScreenshotAsync(page, "seller-dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Perlu dikonfirmasi" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("li.box")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Transfer sudah diterima" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("dikonfirmasi");
        await page.GetByRole(AriaRole.Link, new() { Name = "Perlu dikirim" }).ClickAsync();
        await page.GetByLabel("Kurir").FillAsync("JNE");
        await page.GetByLabel("Nomor resi").FillAsync("PLM1234567890");
        await Browser.ScreenshotAsync(page, "seller-orders");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("dikirim");
        await page.GotoAsync($"/seller/orders/{order["id"]}/slip");
        await Assertions.Expect(page.Locator("address")).ToContainTextAsync("Sari Wulandari");

        // The shop's share waits in the balance until the order completes.
        await page.GotoAsync("/seller/money");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await page.GetByText("Pesanan dibayar").CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await app.DrainOutboxAsync();
            await page.ReloadAsync();
        }

        await Assertions.Expect(page.GetByText("Pesanan dibayar").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".kpis li").Nth(1)).Not.ToContainTextAsync("Rp0");
        await Browser.ScreenshotAsync(page, "seller-money");
    }

    [GeneratedRegex("/seller/products/([0-9a-f-]{36})")]
    private static partial Regex ProductId();

    [GeneratedRegex("/seller/booths/([0-9a-f-]{36})")]
    private static partial Regex BoothId();
}
