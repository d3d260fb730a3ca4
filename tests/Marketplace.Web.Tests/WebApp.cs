using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Marketplace.Web.Tests;

/// <summary>
/// The real application (API and pages in one host, as `dotnet run` starts it) on Kestrel at a free loopback port, with
/// the demo data (the exhibitions, shops and products the journeys walk through), and card payments against a local
/// double of Stripe. One instance per test class.
/// </summary>
public class WebApp : MarketplaceApp
{
    public WebApp()
    {
        Port = FreePort();
        Settings["Seed:Demo"] = "true";
        Settings["Payments:Stripe:SecretKey"] = StripeDouble.SecretKey;
        Settings["Payments:Stripe:WebhookSecret"] = StripeDouble.WebhookSecret;
        Settings["Payments:Stripe:ApiBase"] = Stripe.Url;
        UseKestrel(Port);
    }

    public StripeDouble Stripe { get; } = new();

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public const string DemoShopper = "shopper@demo.marketplace.id";
    public const string DemoPassword = "Demo-Pasar-2026!";

    public override async Task InitializeAsync()
    {
        StartServer();
        // The demo products reach the search index through the outbox; wait until a known one is findable.
        using var http = Browserless();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            // 503 while the index is being built at start-up: keep polling.
            using var response = await http.GetAsync("/api/v1/search/products?q=pempek&pageSize=1");
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && !body.Contains("\"total\":0", StringComparison.Ordinal))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The demo products were not indexed within 60 s.");
            }

            await DrainOutboxAsync();
            await Task.Delay(100);
        }
    }

    /// <summary>An HTTP client that keeps cookies, like a browser without JavaScript; redirects are not followed.</summary>
    public HttpClient Browserless(string? language = null)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        var client = new HttpClient(handler) { BaseAddress = BaseUrl };
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Stripe.Dispose();
        }

        base.Dispose(disposing);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Reads what a server-rendered page carries: its forms' hidden fields, its title.</summary>
public static partial class Html
{
    public static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        Assert.True(match.Success, $"No hidden field {name} in the page.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static string Title(string html) => WebUtility.HtmlDecode(TitlePattern().Match(html).Groups[1].Value);

    /// <summary>Posts a Blazor form as a browser without JavaScript would: its antiforgery token and handler name, plus fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string url, string formName, string pageHtml, IDictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = Hidden(pageHtml, "__RequestVerificationToken"),
        };
        return await http.PostAsync(url, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex TitlePattern();
}
