using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Marketplace.Security.Tests;

/// <summary>Rule: every response carries the hardening headers; pages run no inline script that is not hashed; CORS is closed.</summary>
[Collection(AppCollection.Name)]
public sealed partial class HttpHardeningTests(SecurityApp app)
{
    [Fact]
    public async Task Every_response_says_nosniff_a_referrer_policy_no_framing_and_a_strict_content_security_policy()
    {
        foreach (var url in new[] { "/api/v1/subsectors", "/api/v1/nothing-here", "/health/live" })
        {
            var response = await app.Anonymous().GetAsync(url);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", Directive(csp, "script-src"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_docs_page_inline_scripts_are_allowed_by_hash_and_nothing_else_inline()
    {
        var response = await app.Anonymous().GetAsync("/docs");
        await response.ShouldHaveStatusAsync(200);
        var html = await response.Content.ReadAsStringAsync();
        var scriptSrc = Directive(response.Headers.GetValues("Content-Security-Policy").Single(), "script-src");
        Assert.DoesNotContain("unsafe-inline", scriptSrc, StringComparison.Ordinal);
        var inline = InlineScript().Matches(html).Select(m => m.Groups["body"].Value).ToList();
        Assert.NotEmpty(inline);
        foreach (var script in inline)
        {
            var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script))) + "'";
            Assert.Contains(hash, scriptSrc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Authenticated_api_responses_are_not_stored_by_any_cache_and_public_ones_keep_their_caching()
    {
        var shopper = await app.SignUpAsync("shopper");
        var mine = await shopper.GetAsync("/api/v1/me");
        Assert.True(mine.Headers.CacheControl?.NoStore);
        var taxonomy = await shopper.GetAsync("/api/v1/subsectors");
        Assert.True(taxonomy.Headers.CacheControl?.NoStore);

        var anonymous = await app.Anonymous().GetAsync("/api/v1/subsectors");
        Assert.False(anonymous.Headers.CacheControl?.NoStore ?? false);
        Assert.True(anonymous.Headers.CacheControl?.Public);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_only()
    {
        var https = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://pasar.example.id") });
        var secure = await https.GetAsync("/health/live");
        var hsts = secure.Headers.GetValues("Strict-Transport-Security").Single();
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
        Assert.Contains("includeSubDomains", hsts, StringComparison.Ordinal);

        var plain = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://pasar.example.id") });
        Assert.False((await plain.GetAsync("/health/live")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Cors_is_closed_unless_an_origin_is_configured_and_then_only_for_that_origin()
    {
        var closed = await PreflightAsync(app, "https://evil.example");
        Assert.False(closed.Headers.Contains("Access-Control-Allow-Origin"));

        var open = new SecurityApp();
        open.Settings["Cors:AllowedOrigins:0"] = "https://toko.example.id";
        try
        {
            await open.InitializeAsync();
            var allowed = await PreflightAsync(open, "https://toko.example.id");
            Assert.Equal("https://toko.example.id", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.False((await PreflightAsync(open, "https://evil.example")).Headers.Contains("Access-Control-Allow-Origin"));
        }
        finally
        {
            await open.DisposeAndDeleteStoreAsync();
        }
    }

    private static Task<HttpResponseMessage> PreflightAsync(MarketplaceApp target, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return target.Anonymous().Http.SendAsync(request);
    }

    private static string Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal));

    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
