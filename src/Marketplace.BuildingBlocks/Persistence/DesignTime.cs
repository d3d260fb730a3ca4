using Microsoft.EntityFrameworkCore;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>Options for design-time context factories (<c>dotnet ef migrations add</c>), SQLite by default.</summary>
public static class DesignTime
{
    public static DbContextOptions<TContext> Options<TContext>(string module)
        where TContext : DbContext
    {
        var provider = Environment.GetEnvironmentVariable("MARKETPLACE_EF_PROVIDER") == "Postgres"
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;
        var options = new DatabaseOptions
        {
            Provider = provider,
            DataDirectory = Path.GetTempPath(),
            ConnectionString = provider == DatabaseProvider.Postgres ? "Host=localhost;Database=design_time" : "",
        };
        return (DbContextOptions<TContext>)new DbContextOptionsBuilder<TContext>().UseMarketplaceStore(options, module).Options;
    }
}
