using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Hosting.Backup;

/// <summary>
/// The SQLite store in a backup, copied with SQLite's online backup API: a consistent copy of every module's tables
/// while the service keeps serving (writers wait for the copy's few page steps, readers are not held up), checked
/// with <c>PRAGMA integrity_check</c>. Restore copies the pages back the same way, into the store in place. On
/// PostgreSQL the store is not copied here: <c>pg_dump</c>/<c>pg_restore</c> do it (<c>infra/pg-backup.sh</c>,
/// <c>infra/pg-restore.sh</c>).
/// </summary>
internal sealed class SqliteStoreBackup(IOptions<DatabaseOptions> database) : IBackupPart
{
    private const string FileName = "marketplace.db";

    public string Name => "store";

    public int RestoreOrder => 0;

    public IReadOnlyCollection<string> DataEntries => IsSqlite
        ? [.. new[] { "", "-wal", "-shm", "-journal" }.Select(suffix => Path.GetFileName(LiveFile) + suffix)]
        : [];

    private bool IsSqlite => database.Value.Provider == DatabaseProvider.Sqlite;

    private string LiveConnectionString => DbContextOptionsBuilderExtensions.SqliteConnectionString(database.Value);

    private string LiveFile => new SqliteConnectionStringBuilder(LiveConnectionString).DataSource;

    public async Task<string> BackupAsync(string folder, CancellationToken ct)
    {
        if (!IsSqlite)
        {
            return "PostgreSQL: not copied here; back it up with infra/pg-backup.sh (pg_dump)";
        }

        var target = Path.Combine(folder, FileName);
        await using (var live = new SqliteConnection(LiveConnectionString))
        await using (var copy = new SqliteConnection(Unpooled(target, SqliteOpenMode.ReadWriteCreate)))
        {
            await live.OpenAsync(ct);
            await copy.OpenAsync(ct);
            live.BackupDatabase(copy);
            await CheckIntegrityAsync(copy, "the backup copy", ct);
        }

        return $"SQLite online backup: {new FileInfo(target).Length:N0} bytes, integrity ok";
    }

    public async Task<string> RestoreAsync(string folder, RestoreOptions options, CancellationToken ct)
    {
        var source = Path.Combine(folder, FileName);
        if (!IsSqlite)
        {
            return File.Exists(source)
                ? "the backup holds a SQLite store but this service runs on PostgreSQL: not restored (infra/pg-restore.sh restores PostgreSQL)"
                : "PostgreSQL: restore it with infra/pg-restore.sh (pg_restore)";
        }

        if (!File.Exists(source))
        {
            return "no SQLite store in the backup (taken on PostgreSQL): not restored";
        }

        await using (var backup = new SqliteConnection(Unpooled(source, SqliteOpenMode.ReadOnly)))
        await using (var live = new SqliteConnection(LiveConnectionString))
        {
            await backup.OpenAsync(ct);
            await CheckIntegrityAsync(backup, "the backup", ct);
            await live.OpenAsync(ct);
            backup.BackupDatabase(live);
        }

        // Pooled connections opened before the copy must not keep a view of the replaced pages.
        SqliteConnection.ClearAllPools();
        return $"SQLite store restored from {new FileInfo(source).Length:N0} bytes";
    }

    private static string Unpooled(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    private static async Task CheckIntegrityAsync(SqliteConnection connection, string what, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var result = (string?)await command.ExecuteScalarAsync(ct);
        if (result != "ok")
        {
            throw new InvalidDataException($"SQLite integrity check of {what} failed: {result}");
        }
    }
}
