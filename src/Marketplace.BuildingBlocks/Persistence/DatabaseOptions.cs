namespace Marketplace.BuildingBlocks.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from <c>Database</c>, <c>ConnectionStrings:Marketplace</c> and <c>DataDirectory</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty means the SQLite file <c>marketplace.db</c> under the data directory.</summary>
    public string ConnectionString { get; set; } = "";

    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// SQLite only: sync the WAL to disk at every commit (<c>synchronous=FULL</c>) instead of at checkpoints
    /// (<c>NORMAL</c>, the default). Both survive a killed process; only FULL also keeps the last commits through a power
    /// cut, at about one disk flush per commit. See <c>SqliteSynchronousNormal</c>.
    /// </summary>
    public bool SqliteSyncEveryCommit { get; set; }
}
