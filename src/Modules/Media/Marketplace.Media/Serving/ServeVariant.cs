using Marketplace.Media.Processing;
using Marketplace.Media.Storage;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Media.Serving;

internal static class VariantCaching
{
    /// <summary>A variant's URL names its content (the hash of the upload), so it never changes: cache it for a year.</summary>
    public const string CacheControl = "public, max-age=31536000, immutable";
}

/// <summary>
/// <c>GET /media/{hash}/{variant}</c>: a variant from the store, WebP for clients that accept it and JPEG otherwise
/// (<c>Vary: Accept</c>), or the format named by an extension (<c>card.jpg</c>, <c>card.webp</c>). Strong ETags (the
/// content never changes under a URL), 304 on <c>If-None-Match</c>, byte ranges. No database access: a hot path.
/// </summary>
internal static class ServeVariant
{
    public static async Task<IResult> Handle(string hash, string variant, HttpContext http, IMediaStore store,
        Microsoft.Extensions.Options.IOptions<MediaOptions> options, CancellationToken ct)
    {
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            return NotFound();
        }

        var (name, extension) = Split(variant);
        if (VariantSpec.Find(name) is null || extension is not (null or "jpg" or "webp"))
        {
            return NotFound();
        }

        if (extension is null)
        {
            extension = AcceptsWebp(http.Request) ? "webp" : "jpg";
            http.Response.Headers.Vary = "Accept";
        }

        StoredObject? stored;
        try
        {
            stored = await store.GetAsync(MediaKeys.Variant(hash, name, extension), ct);
        }
        catch (MediaStoreUnavailableException ex)
        {
            http.Response.Headers.Remove("Vary");
            return MediaStoreOutage.Problem(http, options.Value, ex);
        }

        if (stored is null)
        {
            return NotFound();
        }

        http.Response.Headers.CacheControl = VariantCaching.CacheControl;
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        var contentType = extension == "webp" ? "image/webp" : "image/jpeg";
        var etag = new EntityTagHeaderValue($"\"{hash[..16]}-{name}-{extension}\"");
        return stored.PhysicalPath is { } path
            ? TypedResults.PhysicalFile(path, contentType, entityTag: etag, enableRangeProcessing: true)
            : TypedResults.File(stored.Bytes!, contentType, entityTag: etag, enableRangeProcessing: true);
    }

    private static (string Name, string? Extension) Split(string variant)
    {
        var dot = variant.LastIndexOf('.');
        return dot < 0 ? (variant, null) : (variant[..dot], variant[(dot + 1)..]);
    }

    private static bool AcceptsWebp(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals("image/webp", StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) > 0);

    private static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.",
        type: "urn:marketplace:problem:media.variant_not_found", detail: "There is no such image variant.",
        extensions: new Dictionary<string, object?> { ["code"] = "media.variant_not_found" });
}
