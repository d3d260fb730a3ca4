namespace Marketplace.Media.Storage;

/// <summary>
/// The media store did not answer in time (or not at all). Uploads and downloads answer 503 <c>media.unavailable</c>
/// with <c>Retry-After</c>; nothing that points at the missing bytes is recorded; background work tries again later.
/// </summary>
internal sealed class MediaStoreUnavailableException(string message, Exception inner) : Exception(message, inner);
