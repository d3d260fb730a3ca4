using Marketplace.Testing.Servers;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET (its driver ships in the NuGet package; no browser download).
/// A missing browser is a failure naming the package to install, never a skip.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Phone-sized, as the shoppers this is for hold it.</summary>
    public static readonly ViewportSize Mobile = new() { Width = 390, Height = 844 };

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Instance = browser;
    }

    public IBrowser Instance { get; }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"{ChromiumPath} is missing: install Debian's package `chromium` (apt-get install -y chromium).");
        }

        // Web-first assertions wait as long as actions do, and longer than Playwright's 5 s: on a loaded 2-core machine an
        // enhanced navigation (a page with several API calls) took more than 5 s and failed a journey that was right.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>A fresh browser profile (own cookies) at mobile size, in the given language.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, string locale = "id-ID")
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = Mobile,
            Locale = locale,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
            TimezoneId = "Europe/Amsterdam", // a visitor abroad: times must still say WIB
        });
        // Generous: the whole suite shares two cores with the server under test, and a page that answers in 0.3 s when
        // quiet took over 15 s once in CI while other suites ran. A real hang still fails, just later.
        context.SetDefaultTimeout(45_000);
        return await context.NewPageAsync();
    }

    /// <summary>A screenshot for docs/screenshots (committed; shown in the README).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(TestNpmPackages.RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = false });
    }

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright.Dispose();
    }
}
