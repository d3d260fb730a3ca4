using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Persistence;
using Npgsql;

namespace Marketplace.Api.Hosting;

/// <summary>Bound from <c>Seed</c>.</summary>
internal sealed class SeedOptions
{
    /// <summary>
    /// Load the demo data set (accounts, shops, products) when the store has none. Off unless configured:
    /// appsettings.Development.json turns it on for <c>dotnet run</c>; the <c>seed</c> verb loads it anywhere.
    /// </summary>
    public bool Demo { get; set; }
}

/// <summary>
/// Brings every module's store up to date before the server accepts requests: migrations (an existing database keeps
/// its rows), reference data, and the demo data set when configured. Runs in StartingAsync, ahead of the outbox
/// dispatchers and the web server.
/// </summary>
internal sealed partial class StoreInitializer(
    IServiceProvider services,
    IEnumerable<IModuleDatabase> databases,
    IEnumerable<IDataSeeder> seeders,
    Microsoft.Extensions.Options.IOptions<SeedOptions> seed,
    Microsoft.Extensions.Options.IOptions<DatabaseOptions> database,
    ILogger<StoreInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await SeedAsync(seed.Value.Demo, cancellationToken);
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var exclusive = await ExclusiveAsync(ct);
        foreach (var module in databases)
        {
            await module.MigrateAsync(services, ct);
            LogMigrated(logger, module.Module);
        }
    }

    public async Task SeedAsync(bool demo, CancellationToken ct)
    {
        // Seeders read, then insert what is missing: two instances starting together on a fresh PostgreSQL would both
        // insert the same reference rows and one would fail to start. One at a time; the second finds everything there.
        await using var exclusive = await ExclusiveAsync(ct);
        var ordered = seeders.OrderBy(s => s.Order).ToList();
        foreach (var seeder in ordered)
        {
            await seeder.SeedReferenceDataAsync(ct);
        }

        if (!demo)
        {
            return;
        }

        foreach (var seeder in ordered)
        {
            var report = await seeder.SeedDemoAsync(ct);
            foreach (var line in report.Lines)
            {
                LogSeedLine(logger, line);
            }
        }
    }

    /// <summary>
    /// Instances starting together (or the <c>seed</c> verb run while one starts) migrate and seed one after the other:
    /// seeders read, then insert what is missing, and two at once would both insert the same rows. On PostgreSQL, a
    /// session advisory lock held on a connection of its own (not pooled: the lock dies with it, never handed to another
    /// caller). On SQLite, an exclusive lock on a file beside the database (<c>marketplace.db.init.lock</c>): .NET takes
    /// it with <c>flock</c>, which the kernel releases when the process ends, so a process killed mid-seed never leaves
    /// it held; the next start finds what was committed and inserts the rest. Both held until disposed.
    /// </summary>
    private async Task<IAsyncDisposable?> ExclusiveAsync(CancellationToken ct)
    {
        if (database.Value.Provider != DatabaseProvider.Postgres)
        {
            return await SqliteInitializationLockAsync(ct);
        }

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.Value.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", StoreInitializationLockKey);
        await command.ExecuteNonQueryAsync(ct);
        return connection; // closing the session releases the lock
    }

    private async Task<IAsyncDisposable> SqliteInitializationLockAsync(CancellationToken ct)
    {
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            DbContextOptionsBuilderExtensions.SqliteConnectionString(database.Value)).DataSource;
        var path = Path.GetFullPath((string.IsNullOrEmpty(dataSource) || dataSource.StartsWith(':') ? Path.Combine(database.Value.DataDirectory, "marketplace.db") : dataSource) + ".init.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var waiting = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Held by another process initialising the same store: wait for it (it releases the lock when it is done
                // or dies), then find its rows.
                if (!waiting)
                {
                    waiting = true;
                    LogWaiting(logger, path);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }

    /// <summary>An arbitrary constant naming "store initialisation" among advisory locks ("mkt-init" in ASCII).</summary>
    private const long StoreInitializationLockKey = 0x6D6B_742D_696E_6974;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store of module {Module} is up to date")]
    private static partial void LogMigrated(ILogger logger, string module);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another process is initialising the store ({LockFile} is held); waiting for it")]
    private static partial void LogWaiting(ILogger logger, string lockFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogSeedLine(ILogger logger, string line);
}
