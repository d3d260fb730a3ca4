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
}
