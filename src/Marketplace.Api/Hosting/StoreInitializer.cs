using Marketplace.BuildingBlocks.Modules;

namespace Marketplace.Api.Hosting;

/// <summary>Bound from <c>Seed</c>.</summary>
internal sealed class SeedOptions
{
    /// <summary>Load the demo data set (accounts, shops, products) when the store has none.</summary>
    public bool Demo { get; set; } = true;
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
    ILogger<StoreInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await SeedAsync(seed.Value.Demo, cancellationToken);
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        foreach (var database in databases)
        {
            await database.MigrateAsync(services, ct);
            LogMigrated(logger, database.Module);
        }
    }

    public async Task SeedAsync(bool demo, CancellationToken ct)
    {
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

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store of module {Module} is up to date")]
    private static partial void LogMigrated(ILogger logger, string module);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogSeedLine(ILogger logger, string line);
}
