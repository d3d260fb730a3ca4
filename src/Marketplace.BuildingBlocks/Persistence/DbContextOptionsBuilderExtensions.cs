using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.BuildingBlocks.Persistence;

public static class DbContextOptionsBuilderExtensions
{
    /// <summary>
    /// Points a module's DbContext at the configured store. Every module keeps its own migrations history table, so
    /// modules migrate independently while sharing one database (file or server). Saving bumps <see cref="IVersioned"/>
    /// entities, stamped with <paramref name="clock"/> (the system clock when none is given).
    /// </summary>
    public static DbContextOptionsBuilder UseMarketplaceStore(this DbContextOptionsBuilder builder, DatabaseOptions options, string module, TimeProvider? clock = null)
    {
        var history = "__ef_migrations_" + module;
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(PostgresConnectionString(options), npgsql => npgsql.MigrationsHistoryTable(history, module));
                break;
            default:
                builder.UseSqlite(SqliteConnectionString(options), sqlite => sqlite.MigrationsHistoryTable(history));
                builder.AddInterceptors(SqliteWriteGate.Instance);
                if (!options.SqliteSyncEveryCommit)
                {
                    builder.AddInterceptors(SqliteSynchronousNormal.Instance);
                }

                break;
        }

        // Each provider has its own migration set in the module's assembly (see ProviderMigrationsAssembly).
        builder.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
        builder.AddInterceptors(new VersioningInterceptor(clock ?? TimeProvider.System), CommitCallbacksInterceptor.Instance);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ModuleContextStateExtension());

        return builder;
    }

    /// <summary>
    /// The configured connection string with <c>No Reset On Close</c> on unless it says otherwise: by default Npgsql sends
    /// <c>DISCARD ALL</c> every time a pooled connection is reused (a quarter of a checkout's statements were those). Nothing
    /// here leaves session state behind (no SET, temporary tables, advisory locks or LISTEN), so there is nothing to reset.
    /// Also <c>Max Auto Prepare</c> (unless set): a statement a connection has run twice becomes a server-side prepared
    /// statement, so PostgreSQL stops parsing and planning the hot reads (a product page, a cart) on every call.
    /// </summary>
    public static string PostgresConnectionString(DatabaseOptions options)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (!options.ConnectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !options.ConnectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        if (!options.ConnectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !options.ConnectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = AutoPreparedStatementsPerConnection;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>Enough for every module's hot statements; the least used ones are unprepared first when it fills.</summary>
    private const int AutoPreparedStatementsPerConnection = 100;

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
