using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.BuildingBlocks.Modules;

/// <summary>A module's store, as the host sees it for the <c>migrate</c> verb, start-up and readiness.</summary>
public interface IModuleDatabase
{
    string Module { get; }

    Task MigrateAsync(IServiceProvider services, CancellationToken ct);

    Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken ct);
}

public sealed class ModuleDatabase<TContext>(string module) : IModuleDatabase
    where TContext : DbContext
{
    public string Module { get; } = module;

    public async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while one writer commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await db.Database.MigrateAsync(ct);
    }

    public async Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return await db.Database.CanConnectAsync(ct);
    }
}

/// <summary>Loads data on an empty store. Reference data (taxonomy) always; demo data only when asked.</summary>
public interface IDataSeeder
{
    /// <summary>Lower runs first: accounts before the shops that they own.</summary>
    int Order { get; }

    Task SeedReferenceDataAsync(CancellationToken ct);

    Task<SeedReport> SeedDemoAsync(CancellationToken ct);
}

public sealed record SeedReport(string Module, IReadOnlyList<string> Lines)
{
    public static SeedReport Nothing(string module) => new(module, []);
}
