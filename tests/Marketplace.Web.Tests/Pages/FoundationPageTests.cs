using System.Net;

namespace Marketplace.Web.Tests.Pages;

/// <summary>The foundation as a browser without JavaScript sees it: language, error pages, sign-in, antiforgery.</summary>
public sealed class FoundationPageTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task The_home_page_speaks_Indonesian_first_and_shows_the_live_demo_exhibition()
    {
        using var http = app.Browserless();
        var html = await http.GetStringAsync("/");

        Assert.Contains("<html lang=\"id\">", html, StringComparison.Ordinal);
        Assert.Contains("Palembang Kota Kreatif Expo", html, StringComparison.Ordinal);
        Assert.Contains("Berlangsung", html, StringComparison.Ordinal);
        Assert.Contains("WIB", html, StringComparison.Ordinal);
        Assert.Matches(@"Rp\d{1,3}(\.\d{3})+<", html);
        Assert.Contains("<meta name=\"description\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"canonical\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_pages_and_JSON_are_compressed_but_answers_with_credentials_are_not()
    {
        static HttpRequestMessage Get(string url, string? cookie = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            return request;
        }

        using var http = new HttpClient { BaseAddress = app.BaseUrl }; // no automatic decompression: the encoding shows
        using var product = await http.SendAsync(Get("/exhibitions"));
        Assert.Equal("br", product.Content.Headers.ContentEncoding.Single());
        using var subsectors = await http.SendAsync(Get("/api/v1/subsectors"));
        Assert.Equal("br", subsectors.Content.Headers.ContentEncoding.Single());
        using var gzipOnly = new HttpRequestMessage(HttpMethod.Get, "/search?q=pempek");
        gzipOnly.Headers.AcceptEncoding.ParseAdd("gzip");
        using var search = await http.SendAsync(gzipOnly);
        Assert.Equal("gzip", search.Content.Headers.ContentEncoding.Single());

        // BREACH: a page of a session, an API call with a token, and the answers that hold tokens stay uncompressed.
        using var session = await http.SendAsync(Get("/search?q=pempek", cookie: "mp_sid=" + new string('a', 43)));
        Assert.Empty(session.Content.Headers.ContentEncoding);
        var shopper = await app.SignUpAsync("shopper");
        var withToken = Get("/api/v1/orders");
        withToken.Headers.Authorization = shopper.Http.DefaultRequestHeaders.Authorization;
        using var orders = await http.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        Assert.Empty(orders.Content.Headers.ContentEncoding);
        var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = shopper.Email, password = "Rahasia-123-Pasar" }),
        };
        login.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var tokens = await http.SendAsync(login);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        Assert.Empty(tokens.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_first_visit_from_an_English_browser_is_in_English()
    {
        using var http = app.Browserless("en-GB,en;q=0.9");
        var html = await http.GetStringAsync("/");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Live now", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_is_kept_in_a_cookie_over_the_browser_language()
    {
        using var http = app.Browserless("id");
        var switched = await http.GetAsync("/lang/en?returnUrl=%2Fsign-in");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/sign-in", switched.Headers.Location?.OriginalString);

        var html = await http.GetStringAsync("/sign-in");
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Sign in", Html.Title(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_the_site()
    {
        using var http = app.Browserless();
        var switched = await http.GetAsync("/lang/en?returnUrl=%2F%2Fevil.example");

        Assert.Equal("/", switched.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("id", "Halaman tidak ditemukan")]
    [InlineData("en", "Page not found")]
    public async Task An_unknown_page_is_a_404_page_in_the_visitors_language(string language, string text)
    {
        using var http = app.Browserless(language);
        var response = await http.GetAsync("/no-such-page/at-all");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(text, html, StringComparison.Ordinal);
        Assert.Contains("class=\"skip\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_keeps_answering_unknown_routes_with_problem_details()
    {
        using var http = app.Browserless();
        var response = await http.GetAsync("/api/v1/no-such-route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_forged_antiforgery_token_gets_a_clear_page_not_a_500()
    {
        using var http = app.Browserless();
        var response = await http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = "forged",
            ["Form.Email"] = WebApp.DemoShopper,
            ["Form.Password"] = WebApp.DemoPassword,
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Muat ulang halaman", html, StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("mp_sid=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_wrong_password_is_shown_on_the_form_which_keeps_the_email()
    {
        using var http = app.Browserless();
        var page = await http.GetStringAsync("/sign-in");
        var response = await Html.PostFormAsync(http, "/sign-in", "sign-in", page, new Dictionary<string, string>
        {
            ["Form.Email"] = WebApp.DemoShopper,
            ["Form.Password"] = "not-the-password",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{WebApp.DemoShopper}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_keeps_the_tokens_on_the_server_and_returns_to_a_local_page_only()
    {
        using var http = app.Browserless();
        var page = await http.GetStringAsync("/sign-in?returnUrl=%2F%2Fevil.example");
        var response = await Html.PostFormAsync(http, "/sign-in?returnUrl=%2F%2Fevil.example", "sign-in", page, new Dictionary<string, string>
        {
            ["Form.Email"] = WebApp.DemoShopper,
            ["Form.Password"] = WebApp.DemoPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(app.BaseUrl, "/"), new Uri(app.BaseUrl, response.Headers.Location!));
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mp_sid=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("eyJ", session, StringComparison.Ordinal); // no JWT in the browser

        var home = await http.GetStringAsync("/");
        Assert.Contains("href=\"/orders\"", home, StringComparison.Ordinal);

        var signOutPage = await http.GetStringAsync("/sign-out");
        var signedOut = await Html.PostFormAsync(http, "/sign-out", "sign-out", signOutPage, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.DoesNotContain("href=\"/orders\"", await http.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_id_the_server_does_not_know_is_a_signed_out_visitor()
    {
        using var http = app.Browserless();
        http.DefaultRequestHeaders.Add("Cookie", "mp_sid=" + new string('A', 43));

        var response = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/sign-in", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Robots_and_sitemap_point_search_engines_at_the_public_pages()
    {
        using var http = app.Browserless();
        var robots = await http.GetStringAsync("/robots.txt");
        Assert.Contains("Disallow: /checkout", robots, StringComparison.Ordinal);
        Assert.Contains("/sitemap.xml", robots, StringComparison.Ordinal);

        var sitemap = await http.GetStringAsync("/sitemap.xml");
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", sitemap, StringComparison.Ordinal);
        Assert.Contains("/exhibitions/palembang-kota-kreatif-expo</loc>", sitemap, StringComparison.Ordinal);
        Assert.Contains("/products/", sitemap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_own_css_and_Blazors_script_are_served_by_the_app()
    {
        using var http = app.Browserless();
        var html = await http.GetStringAsync("/");
        var css = System.Text.RegularExpressions.Regex.Match(html, "href=\"(_content/Marketplace.Web/site[^\"]*\\.css)\"").Groups[1].Value;
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(_framework/blazor\\.web[^\"]*\\.js)\"").Groups[1].Value;

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/" + css)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/" + script)).StatusCode);
    }
}
