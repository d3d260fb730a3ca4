using System.Globalization;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace Marketplace.Media.Storage;

/// <summary>
/// The answer when the media store is slow or down: 503 <c>media.unavailable</c> with <c>Retry-After</c>, within
/// <see cref="S3StoreOptions.Timeout"/>. Only uploads and image downloads are affected; pages and the rest of the API
/// do not wait for the store.
/// </summary>
internal static partial class MediaStoreOutage
{
    public const string Code = "media.unavailable";

    public static readonly Error Unavailable = new(Code,
        "Image storage is not answering right now; nothing was saved. Please try again shortly.", ErrorKind.Unavailable);

    public static ProblemHttpResult Problem(HttpContext http, MediaOptions options, MediaStoreUnavailableException ex)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.Media");
        LogUnavailable(logger, http.Request.Path.Value ?? "", ex);
        http.Response.Headers.RetryAfter = options.S3.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Unavailable.ToProblem();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media store unavailable during {Path}; answered 503")]
    private static partial void LogUnavailable(ILogger logger, string path, Exception ex);
}
