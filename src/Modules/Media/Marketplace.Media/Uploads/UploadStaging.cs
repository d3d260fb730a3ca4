using System.Buffers;
using System.Security.Cryptography;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Media.Processing;
using Marketplace.Media.Storage;
using Marketplace.SharedKernel.Errors;
using Microsoft.Extensions.Options;

namespace Marketplace.Media.Uploads;

/// <summary>
/// Where upload bodies wait while they are checked: <c>DataDirectory/media-uploads</c>, on the same disk as the local
/// store so an accepted original is renamed into place, not copied. An upload body is never held whole in memory: 16
/// phones uploading 10 MB photos at once would otherwise need 160 MB (and more, in the copies a byte array invites)
/// before a single image is decoded.
/// </summary>
internal sealed class UploadStaging
{
    /// <summary>A file older than this is left over from a crash (an upload takes seconds) and is deleted at start.</summary>
    private static readonly TimeSpan Stale = TimeSpan.FromHours(1);

    public UploadStaging(IOptions<DatabaseOptions> database, TimeProvider clock)
    {
        Folder = Path.Combine(database.Value.DataDirectory, "media-uploads");
        Directory.CreateDirectory(Folder);
        var cutoff = clock.GetUtcNow().UtcDateTime - Stale;
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles("*.upload"))
        {
            if (file.LastWriteTimeUtc < cutoff)
            {
                StagedUpload.TryDelete(file.FullName);
            }
        }
    }

    public string Folder { get; }

    /// <summary>
    /// Copies <paramref name="body"/> into a new staging file, hashing it on the way; refuses (and deletes the file) past
    /// <paramref name="maxBytes"/>. The caller disposes the result, which deletes the file whatever happened.
    /// </summary>
    public async Task<Result<StagedUpload>> ReceiveAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        var staged = new StagedUpload(Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".upload"));
        try
        {
            var error = await staged.ReceiveAsync(body, maxBytes, ct);
            if (error is null)
            {
                return staged;
            }

            await staged.DisposeAsync();
            return error;
        }
        catch
        {
            await staged.DisposeAsync();
            throw;
        }
    }
}

/// <summary>An upload body on disk with its length and SHA-256; deleted when disposed (unless the store took it).</summary>
internal sealed class StagedUpload(string path) : IAsyncDisposable
{
    private const int ChunkBytes = 64 * 1024;

    public string Path { get; } = path;

    public long Length { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the content: the blob's key.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>A read-only view of the content for the checks and the decoder (random access: the sniffer reads the end first).</summary>
    public FileStream OpenRead() =>
        new(Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, ChunkBytes, FileOptions.RandomAccess);

    public async Task<Error?> ReceiveAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            await using var file = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, ChunkBytes), ct)) > 0)
            {
                if (Length + read > maxBytes)
                {
                    return MediaErrors.OverLimit(maxBytes);
                }

                sha.AppendData(chunk, 0, read);
                await file.WriteAsync(chunk.AsMemory(0, read), ct);
                Length += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (Length == 0)
        {
            return MediaErrors.NoFile();
        }

        Hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        return null;
    }

    public ValueTask DisposeAsync()
    {
        TryDelete(Path);
        return ValueTask.CompletedTask;
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Still open elsewhere (Windows) or already gone with its folder: the start-up clean-up takes it.
        }
    }
}
