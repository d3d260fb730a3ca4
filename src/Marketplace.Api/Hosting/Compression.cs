using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Marketplace.Api.Hosting;

/// <summary>
/// Brotli (or gzip) for the app's text answers: pages, CSS/JS the static-asset pipeline has not already compressed,
/// JSON, SVG, XML. The fingerprinted CSS and scripts are served pre-compressed by <c>MapStaticAssets</c> (built once, at
/// the highest level); this compresses what is made per request, at a level cheap enough for a 2-core host.
/// <para>
/// <b>BREACH.</b> Compressing a response that holds a secret next to text an attacker chooses (a search query) lets the
/// attacker guess the secret from the compressed length. So only requests that carry <b>no credentials</b> are
/// compressed: no <c>Authorization</c> header, no page session cookie (<c>mp_sid</c>: a signed-in shopper's, merchant's
/// or organiser's pages show their own data), no guest cart token, and never the answers that mint credentials
/// (<c>/api/v1/auth/*</c> returns tokens beside the posted e-mail; <c>/chat/credentials</c>). What such an anonymous
/// page still holds is the antiforgery token of its forms, and that is encrypted afresh (random IV) for every response,
/// so its bytes never repeat for an attacker to converge on. Signed-in pages go uncompressed: a few KB more for the
/// people who are signed in, rather than their data at risk.
/// </para>
/// </summary>
internal static class Compression
{
    private static readonly string[] MimeTypes =
    [
        "text/html", "text/css", "text/javascript", "application/javascript", "text/plain", "application/json",
        "application/problem+json", "image/svg+xml", "application/xml", "text/xml",
    ];

    public static IServiceCollection AddMarketplaceCompression(this IServiceCollection services) =>
        services
            .AddResponseCompression(options =>
            {
                // Over HTTPS too: BREACH is handled per request (CarriesNoCredentials), not by giving up compression.
                options.EnableForHttps = true;
                options.Providers.Add<BrotliCompressionProvider>();
                options.Providers.Add<GzipCompressionProvider>();
                options.MimeTypes = MimeTypes;
            })
            // Optimal: Brotli quality 4 / gzip 6, a fraction of a millisecond for a page; the smallest sizes cost far more CPU.
            .Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal)
            .Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);

    /// <summary>Outermost of the middleware that writes bodies, so it compresses what they write.</summary>
    public static IApplicationBuilder UseMarketplaceCompression(this IApplicationBuilder app) =>
        app.UseWhen(CarriesNoCredentials, compressed => compressed.UseResponseCompression());

    public static bool CarriesNoCredentials(HttpContext context)
    {
        var request = context.Request;
        return request.Headers.Authorization.Count == 0
               && !request.Headers.ContainsKey("X-Cart-Token")
               && !request.Cookies.ContainsKey("mp_sid")
               && !request.Path.StartsWithSegments("/api/v1/auth", StringComparison.OrdinalIgnoreCase)
               && !request.Path.StartsWithSegments("/chat/credentials", StringComparison.OrdinalIgnoreCase);
    }
}
