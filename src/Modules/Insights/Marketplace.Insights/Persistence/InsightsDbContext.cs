using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Insights.Persistence;

internal sealed class InsightsDbContext(DbContextOptions<InsightsDbContext> options) : DbContext(options)
{
    public const string Module = "insights";

    public DbSet<InsightsCell> Cells => Set<InsightsCell>();

    public DbSet<InsightsRegionCell> RegionCells => Set<InsightsRegionCell>();

    public DbSet<InsightsListing> Listings => Set<InsightsListing>();

    public DbSet<InsightsCellBuyer> CellBuyers => Set<InsightsCellBuyer>();

    public DbSet<InsightsShop> Shops => Set<InsightsShop>();

    public DbSet<InsightsProduct> Products => Set<InsightsProduct>();

    public DbSet<InsightsBooth> Booths => Set<InsightsBooth>();

    public DbSet<InsightsOrder> Orders => Set<InsightsOrder>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.ApplyMarketplaceConventions(Database);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Database.IsNpgsql() ? Module : null);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InsightsDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox(Module);
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the host.</summary>
internal sealed class InsightsDesignTimeFactory : IDesignTimeDbContextFactory<InsightsDbContext>
{
    public InsightsDbContext CreateDbContext(string[] args) => new(DesignTime.Options<InsightsDbContext>(InsightsDbContext.Module));
}
