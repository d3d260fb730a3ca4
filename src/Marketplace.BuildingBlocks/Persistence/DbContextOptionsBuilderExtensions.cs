using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.BuildingBlocks.Persistence;

public static class DbContextOptionsBuilderExtensions
{
    /// <summary>
    /// Points a module's DbContext at the configured store. Every module keeps its own migrations history table, so
    /// modules migrate independently while sharing one database (file or server).
    /// </summary>
    public static DbContextOptionsBuilder UseMarketplaceStore(this DbContextOptionsBuilder builder, DatabaseOptions options, string module)
    {
        var history = "__ef_migrations_" + module;
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(options.ConnectionString, npgsql => npgsql.MigrationsHistoryTable(history, module));
                break;
            default:
                builder.UseSqlite(SqliteConnectionString(options), sqlite => sqlite.MigrationsHistoryTable(history));
                break;
        }

        // Each provider has its own migration set in the module's assembly (see ProviderMigrationsAssembly).
        builder.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();

        return builder;
    }

    public static string SqliteConnectionString(DatabaseOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        Directory.CreateDirectory(options.DataDirectory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.DataDirectory, "marketplace.db"),
            // Writers wait for each other (SQLite has one writer at a time) rather than failing with SQLITE_BUSY.
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }
}
