using Microsoft.AspNetCore.Http.Metadata;

namespace Marketplace.Web;

/// <summary>
/// Raises the host's request body limit (1 MB by default, sized for JSON) on a page whose form carries photos: a phone's
/// photo is often 2–8 MB, and the API accepts each up to <see cref="BytesPerPhoto"/>. Without it the host refuses the
/// form (413) before the page or the API sees it. A page's attributes become its endpoint's metadata, which the
/// body-limit middleware reads. The API still checks every photo on its own route.
/// </summary>
/// <param name="photos">How many photos one submission of the page's forms carries at most.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PhotoUploadLimitAttribute(int photos) : Attribute, IRequestSizeLimitMetadata
{
    public const long BytesPerPhoto = 10L * 1024 * 1024;

    /// <summary>Room for the form's other fields beside the photos.</summary>
    private const long FormFields = 256 * 1024;

    public long? MaxRequestBodySize => photos * BytesPerPhoto + FormFields;
}
