using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>The foundation in a real browser: enhanced navigation, the sign-in form, the header, sign-out.</summary>
public sealed class SignInJourneyTests(WebApp app) : IClassFixture<WebApp>, IAsyncLifetime
{
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task A_shopper_signs_in_from_the_header_and_signs_out_again()
    {
        var page = await _browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("UMKM");
        await Browser.ScreenshotAsync(page, "home");

        await page.GetByRole(AriaRole.Link, new() { Name = "Masuk", Exact = true }).ClickAsync();
        await page.GetByLabel("E-mail").FillAsync(WebApp.DemoShopper);
        await page.GetByLabel("Kata sandi").FillAsync(WebApp.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Pesanan saya" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Keluar" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Masuk", Exact = true })).ToBeVisibleAsync();
    }
}
