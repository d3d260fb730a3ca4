using Marketplace.SharedKernel.Errors;

namespace Marketplace.Media.Processing;

/// <summary>
/// The Media module's expected failures. Several need a status <see cref="ErrorKind"/> has no kind for (413, 415); they
/// carry it in <see cref="StatusOverrides"/> and <see cref="MediaProblems"/> applies it.
/// </summary>
internal static class MediaErrors
{
    public const string NotAnImageCode = "media.not_an_image";
    public const string TooLargeCode = "media.file_too_large";

    public static readonly IReadOnlyDictionary<string, int> StatusOverrides = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [NotAnImageCode] = StatusCodes.Status415UnsupportedMediaType,
        [TooLargeCode] = StatusCodes.Status413PayloadTooLarge,
    };

    public static Error NotAnImage(string message) => Error.Validation(ImageSniffer.Field, NotAnImageCode, message);

    public static Error Corrupt(string message) => Error.Unprocessable("media.corrupt_image", message, ImageSniffer.Field);

    public static Error Animated() => Error.Unprocessable("media.animated_image",
        "Animated images are not accepted; upload a still photo.", ImageSniffer.Field);

    public static Error TooManyPixels(int width, int height, long maxPixels, int maxSide) => Error.Unprocessable("media.image_too_large",
        $"The image claims {width}×{height} pixels; the limit is {maxPixels / 1_000_000} megapixels and {maxSide} pixels a side.", ImageSniffer.Field);

    public static Error TooLarge(long bytes, long max) => Error.Validation(ImageSniffer.Field, TooLargeCode,
        $"The file is {bytes} bytes; the limit is {max} bytes ({max / 1024 / 1024} MB).");

    /// <summary>A streamed body is stopped at the first byte past the limit, so its full size is not known.</summary>
    public static Error OverLimit(long max) => Error.Validation(ImageSniffer.Field, TooLargeCode,
        $"The file is larger than the limit of {max} bytes ({max / 1024 / 1024} MB).");

    public static Error NoFile() => Error.Validation(ImageSniffer.Field, "media.file_missing", "Send the image as the multipart field 'file' (or as the PUT body).");

    public static readonly Error ImageNotFound = Error.NotFound("media.image_not_found", "There is no such image.");

    public static readonly Error OwnerNotFound = Error.NotFound("media.owner_not_found", "There is no such product, shop, booth or exhibition.");

    public static readonly Error NotOwner = Error.Forbidden("media.not_owner", "Only the owner may change its images.");

    public static readonly Error ConcurrentChange = Error.Conflict("media.concurrent_change", "The images were changed by another request; try again.");
}
