using System.Globalization;
using System.Text;

namespace Marketplace.Web;

/// <summary>The canonical page addresses: one place, so links, canonical tags and sitemap.xml agree.</summary>
internal static class Links
{
    public static string Product(Guid id, string name) => $"/products/{id:D}/{Slug(name)}";

    public static string Shop(string slug) => $"/shops/{Uri.EscapeDataString(slug)}";

    public static string Exhibition(string slug) => $"/exhibitions/{Uri.EscapeDataString(slug)}";

    public static string Booth(string exhibitionSlug, Guid boothId) => $"/exhibitions/{Uri.EscapeDataString(exhibitionSlug)}/booths/{boothId:D}";

    public static string Order(Guid id) => $"/orders/{id:D}";

    /// <summary>Where Stripe's hosted payment page sends the shopper back (a group id, or the API's placeholder for it).</summary>
    public static string CardReturn(string orderGroupId, bool cancelled = false) => $"/checkout/card/{orderGroupId}" + (cancelled ? "?cancelled=true" : "");

    /// <summary>Is this a path on this site (not "//evil.example" nor "/\evil.example")? Used for every returnUrl.</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and < 2000 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    public static string LocalOr(string? url, string fallback) => IsLocal(url) ? url! : fallback;

    /// <summary>A readable slug for a product name in a URL (the id is what finds the product).</summary>
    public static string Slug(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(normalized.Length);
        var dash = false;
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else if (!dash && builder.Length > 0)
            {
                builder.Append('-');
                dash = true;
            }

            if (builder.Length >= 80)
            {
                break;
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "p" : slug;
    }
}
