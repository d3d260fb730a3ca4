using Ganss.Xss;

namespace Marketplace.BuildingBlocks.Text;

/// <summary>
/// Sanitizes shopper-facing rich text (stories, booth pitches) on the way in, so what is stored is safe to render:
/// a small set of formatting tags, links restricted to http(s) and mailto, no scripts, styles or event handlers.
/// </summary>
public static class RichText
{
    public const int MaxLength = 20_000;

    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string? Sanitize(string? html)
    {
        if (html is null)
        {
            return null;
        }

        var clean = Sanitizer.Sanitize(html).Trim();
        return clean.Length == 0 ? null : clean;
    }

    /// <summary>True when plain-text input (a name, a title) carries markup it should not have.</summary>
    public static bool LooksLikeMarkup(string? text) =>
        text is not null && (text.Contains('<', StringComparison.Ordinal) || text.Contains('>', StringComparison.Ordinal));

    private static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "a",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow noopener");
            }
        };
        return sanitizer;
    }
}
