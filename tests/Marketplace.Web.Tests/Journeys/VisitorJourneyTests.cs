using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// A visitor opens the live demo exhibition, walks into a booth, adds a featured product to the cart and sends a request
/// for quote — in Indonesian, and the same in English. One app and one browser for the class.
/// </summary>
public sealed class VisitorJourneyTests(WebApp app) : IClassFixture<WebApp>, IAsyncLifetime
{
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    public static TheoryData<string, VisitorTexts> Languages => new()
    {
        { "id-ID", new VisitorTexts("Pameran", "Berlangsung", "ke keranjang", "sudah masuk keranjang", "Keperluan", "Minta penawaran harga", "Nama", "E-mail atau nomor WhatsApp", "Pesan", "Kirim", "Terima kasih") },
        { "en-US", new VisitorTexts("Exhibitions", "Live now", "to the cart", "is in your cart", "What about", "Request for quote", "Name", "E-mail or WhatsApp number", "Message", "Send", "Thank you") },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_visitor_walks_into_a_booth_adds_a_featured_product_and_asks_for_a_quote(string locale, VisitorTexts t)
    {
        var page = await _browser.NewPageAsync(app.BaseUrl, locale);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = t.Exhibitions, Exact = true }).First.ClickAsync();
        // The home page shows the live badge and the expo's link too: wait for the list itself before clicking on.
        await page.WaitForURLAsync("**/exhibitions");
        await Assertions.Expect(page.GetByText(t.Live).First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Palembang Kota Kreatif Expo" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Palembang Kota Kreatif Expo");
        await Assertions.Expect(page.GetByText("WIB").First).ToBeVisibleAsync(); // the visitor's browser is in Amsterdam
        if (locale == "id-ID")
        {
            await Browser.ScreenshotAsync(page, "exhibition-hall");
        }

        // The first booth with a featured product in stock.
        var booths = page.Locator("li.booth h3 a");
        var found = false;
        for (var i = 0; i < await booths.CountAsync() && !found; i++)
        {
            await booths.Nth(i).ClickAsync();
            await Assertions.Expect(page.Locator("h2#lead-h")).ToBeVisibleAsync();
            var add = page.GetByRole(AriaRole.Button, new() { Name = t.Add });
            if (await add.CountAsync() > 0)
            {
                found = true;
                await add.First.ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync(t.Added);
            }
            else
            {
                await page.GoBackAsync();
            }
        }

        Assert.True(found, "No booth of the live demo exhibition has a featured product in stock.");
        if (locale == "id-ID")
        {
            await Browser.ScreenshotAsync(page, "booth");
        }

        await page.GetByLabel(t.Kind).SelectOptionAsync("quote");
        await page.GetByLabel(t.Name, new() { Exact = true }).FillAsync("Budi Santoso");
        await page.GetByLabel(t.Contact).FillAsync("budi@example.com");
        await page.Locator("#lead-product").SelectOptionAsync(new SelectOptionValue { Index = 1 }); // a quote is for a product
        await page.Locator("#lead-qty").FillAsync("200");
        await page.GetByLabel(t.Message).FillAsync("Mohon penawaran untuk 200 pak, dikirim ke Jakarta.");
        await page.GetByRole(AriaRole.Button, new() { Name = t.Send, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Last).ToContainTextAsync(t.Thanks);
    }

    public sealed record VisitorTexts(
        string Exhibitions, string Live, string Add, string Added, string Kind, string Quote, string Name, string Contact, string Message, string Send, string Thanks);
}
