using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// SQLite durability: the store runs in WAL mode (set at migration, kept in the file) with <c>synchronous=NORMAL</c>
/// (a per-connection setting, hence set on every open). A commit is written to the WAL before it returns, so it
/// survives the process being killed (<c>kill -9</c>, a crash) — the operating system still holds and writes the pages.
/// The WAL is synced to disk at checkpoints rather than at every commit, so a power loss or kernel crash can roll back
/// the last commits before the most recent checkpoint (never corrupt the file). FULL would sync every commit: about
/// one disk flush per commit, which on this hardware was most of a checkout's time. Set
/// <c>Database:SqliteSyncEveryCommit</c> where losing the last second of orders to a power cut is not acceptable.
/// </summary>
internal sealed class SqliteSynchronousNormal : DbConnectionInterceptor
{
    public static readonly SqliteSynchronousNormal Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // EF opens and closes the connection around every query outside a transaction, and Microsoft.Data.Sqlite hands out
    // the same pooled SQLite handle again, whose setting stays: the pragma runs once per handle, not once per open.
    private static readonly ConditionalWeakTable<sqlite3, object> Applied = [];

    private static void Apply(DbConnection connection)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && Applied.TryGetValue(handle, out _))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
        }

        if (handle is not null)
        {
            Applied.AddOrUpdate(handle, handle);
        }
    }
}
