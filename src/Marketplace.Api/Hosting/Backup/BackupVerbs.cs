using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Hosting.Backup;

/// <summary>
/// <c>backup FOLDER</c>: a consistent copy of the service's state while it keeps serving — each <see cref="IBackupPart"/>
/// (the SQLite store, the search index) into its own folder, every other file under the data directory (photos, keys)
/// into <c>files/</c>, and a manifest with every file's hash. Written beside the target and renamed into place at the
/// end, so a backup that exists is complete.
/// </summary>
internal sealed class BackupVerb(IEnumerable<IBackupPart> parts, IOptions<DatabaseOptions> database, TimeProvider clock) : ICommandLineVerb
{
    public string Name => "backup";

    public string Description => "Copy the store, the search index and the data files into a new folder while serving: 'backup FOLDER'.";

    public async Task<int> RunAsync(IServiceProvider services, string[] arguments, CancellationToken ct)
    {
        if (arguments is not [var argument] || argument.StartsWith('-'))
        {
            await Console.Error.WriteLineAsync("usage: backup FOLDER (a folder that does not exist yet)");
            return 2;
        }

        var target = Path.GetFullPath(argument);
        if (Directory.Exists(target) || File.Exists(target))
        {
            await Console.Error.WriteLineAsync($"backup: {target} already exists; choose a new folder.");
            return 2;
        }

        var dataDirectory = Path.GetFullPath(database.Value.DataDirectory);
        if (IsInside(target, dataDirectory))
        {
            await Console.Error.WriteLineAsync($"backup: {target} is inside the data directory {dataDirectory}; choose a folder outside it.");
            return 2;
        }

        var work = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(work);
        try
        {
            var entries = new List<BackupManifest.PartEntry>();
            foreach (var part in parts.OrderBy(p => p.RestoreOrder))
            {
                var summary = await part.BackupAsync(Directory.CreateDirectory(Path.Combine(work, part.Name)).FullName, ct);
                entries.Add(new BackupManifest.PartEntry(part.Name, summary));
                Console.WriteLine($"backup: {part.Name}: {summary}");
            }

            // After the store: a photo stored while the copy ran is then present even if its row is too.
            var claimed = parts.SelectMany(p => p.DataEntries).ToHashSet(StringComparer.Ordinal);
            var copied = DataFiles.Copy(dataDirectory, Path.Combine(work, DataFiles.Folder), claimed);
            var filesSummary = $"{copied.Files:N0} files, {copied.Bytes:N0} bytes";
            entries.Add(new BackupManifest.PartEntry(DataFiles.Folder, filesSummary));
            Console.WriteLine($"backup: {DataFiles.Folder}: {filesSummary}");

            var manifest = new BackupManifest(BackupManifest.CurrentFormat, clock.GetUtcNow(), database.Value.Provider.ToString(),
                entries, await BackupManifest.DescribeAsync(work, ct));
            await manifest.WriteAsync(work, ct);
            Directory.Move(work, target);
            Console.WriteLine($"backup: complete in {target} ({manifest.Files.Count:N0} files, {manifest.Files.Sum(f => f.Bytes):N0} bytes)");
            return 0;
        }
        catch
        {
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    private static bool IsInside(string path, string folder) =>
        (path + Path.DirectorySeparatorChar).StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}

/// <summary>
/// <c>restore FOLDER [--keep-index]</c>: checks the whole backup against its manifest first (a damaged or incomplete
/// backup changes nothing), then puts back the store, the data files and the search index, in that order, and
/// migrates the store in case the backup is older than this build. Run it with the service stopped.
/// </summary>
internal sealed class RestoreVerb(IEnumerable<IBackupPart> parts, IOptions<DatabaseOptions> database, StoreInitializer store) : ICommandLineVerb
{
    public string Name => "restore";

    public string Description => "Put back a backup taken with 'backup' (service stopped): 'restore FOLDER [--keep-index]'.";

    public async Task<int> RunAsync(IServiceProvider services, string[] arguments, CancellationToken ct)
    {
        var keepIndex = arguments.Contains("--keep-index");
        var folders = arguments.Where(a => a != "--keep-index").ToList();
        if (folders is not [var argument] || argument.StartsWith('-'))
        {
            await Console.Error.WriteLineAsync("usage: restore FOLDER [--keep-index]");
            return 2;
        }

        var source = Path.GetFullPath(argument);
        BackupManifest manifest;
        try
        {
            manifest = await BackupManifest.ReadAsync(source, ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or IOException)
        {
            await Console.Error.WriteLineAsync("restore: " + ex.Message);
            return 3;
        }

        var problems = await manifest.VerifyAsync(source, ct);
        if (problems.Count > 0)
        {
            await Console.Error.WriteLineAsync($"restore: the backup in {source} is damaged or incomplete; nothing was changed:");
            foreach (var problem in problems.Take(20))
            {
                await Console.Error.WriteLineAsync("  " + problem);
            }

            return 3;
        }

        Console.WriteLine($"restore: backup taken {manifest.TakenAt:u} on {manifest.Provider}, {manifest.Files.Count:N0} files verified");
        var options = new RestoreOptions(RebuildIndex: !keepIndex);
        var ordered = parts.OrderBy(p => p.RestoreOrder).ToList();
        foreach (var part in ordered.Where(p => p.RestoreOrder < 100))
        {
            Console.WriteLine($"restore: {part.Name}: {await part.RestoreAsync(Path.Combine(source, part.Name), options, ct)}");
        }

        var files = DataFiles.Copy(Path.Combine(source, DataFiles.Folder), Path.GetFullPath(database.Value.DataDirectory), claimed: new HashSet<string>());
        Console.WriteLine($"restore: {DataFiles.Folder}: {files.Files:N0} files, {files.Bytes:N0} bytes");

        // A backup taken by an older build is brought up to this build's schema before anything derived is rebuilt.
        await store.MigrateAsync(ct);

        foreach (var part in ordered.Where(p => p.RestoreOrder >= 100))
        {
            Console.WriteLine($"restore: {part.Name}: {await part.RestoreAsync(Path.Combine(source, part.Name), options, ct)}");
        }

        Console.WriteLine("restore: complete");
        return 0;
    }
}

/// <summary>The files under the data directory no <see cref="IBackupPart"/> claims: photos, keys, anything a module keeps as plain files.</summary>
internal static class DataFiles
{
    public const string Folder = "files";

    public static (int Files, long Bytes) Copy(string from, string to, IReadOnlySet<string> claimed)
    {
        if (!Directory.Exists(from))
        {
            return (0, 0);
        }

        int files = 0;
        long bytes = 0;
        Directory.CreateDirectory(to);
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            var name = Path.GetFileName(entry);
            if (claimed.Contains(name) || name.EndsWith(".lock", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                var (f, b) = Copy(entry, Path.Combine(to, name), new HashSet<string>());
                files += f;
                bytes += b;
            }
            else
            {
                File.Copy(entry, Path.Combine(to, name), overwrite: true);
                files++;
                bytes += new FileInfo(entry).Length;
            }
        }

        return (files, bytes);
    }
}
