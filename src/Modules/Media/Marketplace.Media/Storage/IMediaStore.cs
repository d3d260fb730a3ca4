namespace Marketplace.Media.Storage;

/// <summary>
/// Where blobs live: the local disk or an S3-compatible bucket. Keys are content-addressed
/// (<c>{hash}/{variant}.{ext}</c>, <c>incoming/{hash}</c>), so a key's content never changes once written.
/// </summary>
internal interface IMediaStore
{
    Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct);

    /// <summary>
    /// Stores the content of a local file (an upload staged on disk) without reading it into memory. The store may move
    /// the file into place instead of copying it; the caller deletes it if it is still there.
    /// </summary>
    Task PutFileAsync(string key, string path, string contentType, CancellationToken ct);

    /// <summary>The object, or null when it does not exist.</summary>
    Task<StoredObject?> GetAsync(string key, CancellationToken ct);

    /// <summary>Deletes the object; nothing happens when it does not exist.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>A URL a browser may fetch directly (public or pre-signed), or null to serve through the API.</summary>
    string? DirectUrl(string key);

    /// <summary>True when <see cref="DirectUrl"/> answers URLs that stop working after a while (pre-signed).</summary>
    bool DirectUrlsExpire { get; }
}

/// <summary>A stored object: a file on disk (served with sendfile and range support) or its bytes.</summary>
internal sealed record StoredObject(string? PhysicalPath, byte[]? Bytes)
{
    public async Task<byte[]> ReadAllAsync(CancellationToken ct) => Bytes ?? await File.ReadAllBytesAsync(PhysicalPath!, ct);

    /// <summary>A seekable read of the content: the file itself, or the bytes already fetched.</summary>
    public Stream OpenRead() => PhysicalPath is not null
        ? new FileStream(PhysicalPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.RandomAccess)
        : new MemoryStream(Bytes!, writable: false);
}

/// <summary>The store's key scheme in one place.</summary>
internal static class MediaKeys
{
    public static string Incoming(string hash) => $"incoming/{hash}";

    public static string Variant(string hash, string variant, string extension) => $"{hash}/{variant}.{extension}";
}
