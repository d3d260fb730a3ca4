using System.Security.Cryptography;
using System.Text.Json;

namespace Marketplace.Api.Hosting.Backup;

/// <summary>
/// <c>manifest.json</c> at the top of a backup: when and from what it was taken, what each part wrote, and every
/// file with its size and SHA-256, so a restore refuses a damaged or incomplete backup before it changes anything.
/// </summary>
internal sealed record BackupManifest(int Format, DateTimeOffset TakenAt, string Provider, IReadOnlyList<BackupManifest.PartEntry> Parts, IReadOnlyList<BackupManifest.FileEntry> Files)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    internal sealed record PartEntry(string Name, string Summary);

    internal sealed record FileEntry(string Path, long Bytes, string Sha256);

    public static async Task<IReadOnlyList<FileEntry>> DescribeAsync(string root, CancellationToken ct)
    {
        var files = new List<FileEntry>();
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative == FileName)
            {
                continue;
            }

            files.Add(new FileEntry(relative, new FileInfo(path).Length, await HashAsync(path, ct)));
        }

        return files;
    }

    public async Task WriteAsync(string root, CancellationToken ct)
    {
        await using var stream = File.Create(Path.Combine(root, FileName));
        await JsonSerializer.SerializeAsync(stream, this, Json, ct);
    }

    public static async Task<BackupManifest> ReadAsync(string root, CancellationToken ct)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{root} is not a backup: {FileName} is missing.");
        }

        await using var stream = File.OpenRead(path);
        var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, ct)
            ?? throw new InvalidDataException($"{FileName} is empty.");
        if (manifest.Format != CurrentFormat)
        {
            throw new InvalidDataException($"Backup format {manifest.Format} is not supported (this build reads format {CurrentFormat}).");
        }

        return manifest;
    }

    /// <summary>Every listed file present with its size and hash, and nothing the manifest does not list.</summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(string root, CancellationToken ct)
    {
        var problems = new List<string>();
        var actual = (await DescribeAsync(root, ct)).ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var expected in Files)
        {
            if (!actual.Remove(expected.Path, out var found))
            {
                problems.Add($"missing: {expected.Path}");
            }
            else if (found.Bytes != expected.Bytes || found.Sha256 != expected.Sha256)
            {
                problems.Add($"damaged: {expected.Path}");
            }
        }

        problems.AddRange(actual.Keys.Select(extra => $"not in the manifest: {extra}"));
        return problems;
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
