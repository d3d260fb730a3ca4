using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Marketplace.BuildingBlocks.Http;

/// <summary>
/// ETag and <c>If-None-Match</c> for cacheable GETs (RFC 9110 §13.1.2): the tag is derived from the row versions of
/// everything the response shows, so it changes exactly when the representation does.
/// </summary>
public static class ConditionalGet
{
    public static string Tag(params object[] versionParts) => "\"" + string.Join('-', versionParts) + "\"";

    /// <summary>True when the client's copy is current; the caller answers 304.</summary>
    public static bool IsNotModified(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var current = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    public static StatusCodeHttpResult NotModified() => TypedResults.StatusCode(StatusCodes.Status304NotModified);
}
