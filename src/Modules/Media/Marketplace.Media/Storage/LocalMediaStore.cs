using Marketplace.BuildingBlocks.Persistence;
using Microsoft.Extensions.Options;

namespace Marketplace.Media.Storage;

/// <summary>
/// Blobs as files under <c>DataDirectory/media</c>, fanned out by the first two hex digits of the hash so no folder
/// grows huge. Writes go to a temporary file that is then renamed, so a reader never sees half a file.
/// </summary>
internal sealed class LocalMediaStore(IOptions<DatabaseOptions> database) : IMediaStore
{
    private readonly string _root = Path.Combine(database.Value.DataDirectory, "media");

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await file.WriteAsync(content, ct);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// A rename: the staging folder is under the same data directory, so the upload becomes the stored original without
    /// its bytes being read again, and atomically (a reader sees the whole file or none). A different file system (a data
    /// directory split over mounts) falls back to copying to a temporary file beside the target, then renaming that.
    /// </summary>
    public async Task PutFileAsync(string key, string path, string contentType, CancellationToken ct)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(path, target, overwrite: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await source.CopyToAsync(file, ct);
            }

            File.Move(temporary, target, overwrite: true);
        }
    }

    public Task<StoredObject?> GetAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        return Task.FromResult(File.Exists(path) ? new StoredObject(path, null) : null);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(PathOf(key))!;
        if (!Directory.Exists(folder))
        {
            return Task.CompletedTask;
        }

        File.Delete(PathOf(key));
        if (!Directory.EnumerateFileSystemEntries(folder).Any())
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another writer just put a file there; the folder stays.
            }
        }

        return Task.CompletedTask;
    }

    public string? DirectUrl(string key) => null;

    public bool DirectUrlsExpire => false;

    /// <summary>Keys are built from validated hex hashes and fixed variant names, never from a client's file name.</summary>
    private string PathOf(string key)
    {
        var parts = key.Split('/');
        var hash = parts[0] == "incoming" ? parts[1] : parts[0];
        return Path.Combine([_root, hash[..2], .. parts]);
    }
}
