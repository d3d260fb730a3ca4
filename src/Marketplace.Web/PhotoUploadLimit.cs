using Microsoft.AspNetCore.Http.Metadata;

namespace Marketplace.Web;

/// <summary>
/// Raises the host's request body limit (1 MB by default, sized for JSON) on a page whose form carries photos: the
/// review form takes up to six at once, each of which the API accepts up to 10 MB. A page's attributes become its
/// endpoint's metadata, which the body-limit middleware reads. The API still checks every photo on its own route.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PhotoUploadLimitAttribute : Attribute, IRequestSizeLimitMetadata
{
    public const long Bytes = 6 * 10L * 1024 * 1024 + 256 * 1024;

    public long? MaxRequestBodySize => Bytes;
}
