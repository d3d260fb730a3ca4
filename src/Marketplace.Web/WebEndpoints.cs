using System.Text;
using System.Xml;
using Marketplace.Web.Api;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace Marketplace.Web;

/// <summary>The few non-page addresses of the site: language switch, typeahead, robots.txt, sitemap.xml.</summary>
internal sealed record ChatCredentials(string? AccessToken, string? VisitorId);

internal static class WebEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var web = endpoints.MapGroup("").ExcludeFromDescription();

        // A plain link, so the switch works without JavaScript; the choice is kept for a year.
        web.MapGet("/lang/{language}", (string language, string? returnUrl, HttpContext context) =>
        {
            var chosen = JsonStringLocalizer.Normalize(language);
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, Path = "/" });
            return Results.LocalRedirect(Links.LocalOr(returnUrl, "/"));
        });

        // Typeahead for the header's search box (site.js fills its datalist); the page works without it.
        web.MapGet("/suggest", async (string? q, IMarketplaceApi api, CancellationToken ct) =>
        {
            if (q is null || q.Trim().Length is < 2 or > 100)
            {
                return Results.Json(Array.Empty<string>());
            }

            try
            {
                var suggestions = await api.SuggestAsync(q.Trim(), 8, ct);
                return Results.Json(suggestions.Items.Select(s => s.Text).Distinct(StringComparer.OrdinalIgnoreCase).ToArray());
            }
            catch (ApiException)
            {
                return Results.Json(Array.Empty<string>());
            }
        });

        // The chat panel (chat.js) talks to the API and the hub itself: it needs the session's access token (kept on the
        // server otherwise) or, for a guest, the visitor id. Same-origin only (no CORS), never cached.
        web.MapGet("/chat/credentials", async (HttpContext context, Session.WebSession session, CancellationToken ct) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var token = session.IsSignedIn ? await session.AccessTokenAsync(false, ct) : null;
            return token is not null
                ? Results.Json(new ChatCredentials(token, null))
                : Results.Json(new ChatCredentials(null, session.VisitorId));
        });

        // The API answers photos as /media/{hash}/{variant}, a path on its own host. When the pages are served apart from
        // the API (Web:ApiBaseUrl set), this host sends the browser there; served together, the API's own route answers
        // (this one yields to it: a later order).
        var apiBase = endpoints.ServiceProvider.GetRequiredService<IOptions<WebOptions>>().Value.ApiBaseUrl;
        if (apiBase.Length > 0)
        {
            web.MapGet("/media/{hash}/{variant}", (string hash, string variant) =>
                Results.Redirect($"{apiBase.TrimEnd('/')}/media/{Uri.EscapeDataString(hash)}/{Uri.EscapeDataString(variant)}", permanent: true))
                .WithOrder(1);
        }

        web.MapGet("/robots.txt", (HttpContext context, IOptions<WebOptions> options) =>
            Results.Text(
                "User-agent: *\nDisallow: /cart\nDisallow: /checkout\nDisallow: /orders\nDisallow: /sign-in\nDisallow: /sign-out\nDisallow: /register\nDisallow: /api/\n"
                + $"Sitemap: {Root(context, options.Value)}/sitemap.xml\n",
                "text/plain; charset=utf-8"));

        web.MapGet("/sitemap.xml", async (HttpContext context, IOptions<WebOptions> options, IMemoryCache cache, CancellationToken ct) =>
        {
            var root = Root(context, options.Value);
            var xml = await cache.GetOrCreateAsync("web:sitemap:" + root, async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1);
                return await SitemapAsync(context.RequestServices.GetRequiredService<IMarketplaceApi>(), root, ct);
            });
            return Results.Text(xml!, "application/xml; charset=utf-8");
        });
    }

    private static string Root(HttpContext context, WebOptions options) =>
        options.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{context.Request.Scheme}://{context.Request.Host}";

    /// <summary>
    /// Home, the exhibitions with their booths, every shop, and the newest 1,000 products (search engines find the rest
    /// through shop pages); cached for an hour.
    /// </summary>
    private static async Task<string> SitemapAsync(IMarketplaceApi api, string root, CancellationToken ct)
    {
        var paths = new List<string> { "/", "/exhibitions", "/search" };
        foreach (var status in new[] { "live", "upcoming", "ended" })
        {
            var exhibitions = await api.ExhibitionsAsync(status, null, 1, 100, ct);
            foreach (var exhibition in exhibitions.Items)
            {
                paths.Add(Links.Exhibition(exhibition.Slug));
                for (var page = 1; page <= 10; page++)
                {
                    var booths = await api.BoothsAsync(exhibition.Id, null, null, null, page, 100, ct);
                    paths.AddRange(booths.Items.Select(b => Links.Booth(exhibition.Slug, b.Id)));
                    if (page >= booths.Pages)
                    {
                        break;
                    }
                }
            }
        }

        var shops = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; page <= 10; page++)
        {
            var products = await api.SearchAsync(new SearchQuery { Sort = "newest", Page = page, PageSize = 100 }, ct);
            foreach (var hit in products.Items)
            {
                paths.Add(Links.Product(hit.ProductId, hit.Name));
                shops.Add(hit.Shop.Slug);
            }

            if (page >= products.Pages)
            {
                break;
            }
        }

        paths.AddRange(shops.Select(Links.Shop));

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = false, Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var path in paths.Distinct(StringComparer.Ordinal))
            {
                writer.WriteStartElement("url");
                writer.WriteElementString("loc", root + path);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
