using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// A guest on a phone searches "pempek", filters by Palembang, opens a product, adds two products from two shops, signs
/// in (the cart comes along), checks out with manual transfer and sees two orders. One app and one browser for the class.
/// </summary>
public sealed partial class ShopperJourneyTests(WebApp app) : IClassFixture<WebApp>, IAsyncLifetime
{
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task A_guest_finds_pempek_in_Palembang_buys_from_two_shops_and_sees_two_orders()
    {
        var shopper = await app.SignUpAsync("shopper", "Sari Wulandari");
        var page = await _browser.NewPageAsync(app.BaseUrl);

        await page.GotoAsync("/");
        await page.GetByLabel("Cari produk").FillAsync("pempek"); // a combobox: it has a suggestion list
        await page.GetByRole(AriaRole.Button, new() { Name = "Cari", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("pempek");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kota Palembang" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".facet a[aria-current=true]")).ToContainTextAsync("Kota Palembang");
        await Browser.ScreenshotAsync(page, "search");

        // The first product, and then one from another shop.
        var cards = page.Locator("article.card");
        var firstShop = (await cards.Nth(0).Locator(".meta").InnerTextAsync()).Split('·')[0].Trim();
        var secondIndex = -1;
        for (var i = 1; i < await cards.CountAsync(); i++)
        {
            if ((await cards.Nth(i).Locator(".meta").InnerTextAsync()).Split('·')[0].Trim() != firstShop)
            {
                secondIndex = i;
                break;
            }
        }

        Assert.True(secondIndex > 0, "The Palembang pempek results come from one shop only.");
        var resultsUrl = page.Url;
        await AddToCartAsync(page, cards.Nth(0), screenshot: "product");
        await page.GotoAsync(resultsUrl);
        await AddToCartAsync(page, page.Locator("article.card").Nth(secondIndex), screenshot: null);

        await page.GetByRole(AriaRole.Link, new() { Name = "Masuk", Exact = true }).ClickAsync();
        await page.GetByLabel("E-mail").FillAsync(shopper.Email!);
        await page.GetByLabel("Kata sandi").FillAsync("Rahasia-123-Pasar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Pesanan saya" })).ToBeVisibleAsync();

        await page.GotoAsync("/cart");
        await Assertions.Expect(page.Locator("section.box h2")).ToHaveCountAsync(2); // merged: both shops
        await Browser.ScreenshotAsync(page, "cart");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lanjut ke pembayaran" }).ClickAsync();

        await page.GetByLabel("Nama penerima").FillAsync("Sari Wulandari");
        await page.GetByLabel("Nomor telepon").FillAsync("0812 7788 9900");
        await page.GetByLabel("Alamat", new() { Exact = true }).FillAsync("Jl. Merdeka No. 10, Bukit Kecil");
        await page.GetByLabel("Kota/kabupaten").SelectOptionAsync("16.71");
        await page.GetByLabel("Kode pos").FillAsync("30111");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buat pesanan" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Pesanan dibuat");
        await Assertions.Expect(page.GetByText("2 pesanan dibuat")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("WIB").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "checkout-done");

        await page.GetByRole(AriaRole.Link, new() { Name = "Pesanan saya" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("ul.lines > li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByText("Menunggu pembayaran").First).ToBeVisibleAsync();
    }

    private static async Task AddToCartAsync(IPage page, ILocator card, string? screenshot)
    {
        await card.Locator("a.card-link").ClickAsync();
        await Assertions.Expect(page.Locator("article.product p.price")).ToContainTextAsync(PriceText());
        if (screenshot is not null)
        {
            await Browser.ScreenshotAsync(page, screenshot);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Tambah ke keranjang" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sudah masuk keranjang");
    }

    [GeneratedRegex(@"^Rp\d{1,3}(\.\d{3})+$")]
    private static partial Regex PriceText();
}
