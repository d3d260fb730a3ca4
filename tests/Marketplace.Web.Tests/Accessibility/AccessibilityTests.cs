using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Accessibility;

/// <summary>
/// Every shopper and visitor page, at phone size, in Indonesian and English, with 0 axe violations (WCAG 2.1 A/AA and
/// best practices). One app and one browser for the class; each page is opened as a shopper would reach it.
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
}
