using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Exhibitions.Analytics;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Leads;
using Marketplace.Exhibitions.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Exhibitions.Persistence;

internal sealed class ExhibitionsDbContext(DbContextOptions<ExhibitionsDbContext> options) : DbContext(options)
{
    public const string Module = "exhibitions";

    public DbSet<Exhibition> Exhibitions => Set<Exhibition>();

    public DbSet<ExhibitionHall> Halls => Set<ExhibitionHall>();

    public DbSet<BoothTier> Tiers => Set<BoothTier>();

    public DbSet<BoothApplication> Applications => Set<BoothApplication>();

    public DbSet<Booth> Booths => Set<Booth>();

    public DbSet<BoothVisit> Visits => Set<BoothVisit>();

    public DbSet<BoothDay> BoothDays => Set<BoothDay>();

    public DbSet<CounterSnapshot> CounterSnapshots => Set<CounterSnapshot>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<BoothActivity> Activities => Set<BoothActivity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.ApplyMarketplaceConventions(Database);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Database.IsNpgsql() ? Module : null);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ExhibitionsDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox(Module);
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the host.</summary>
internal sealed class ExhibitionsDesignTimeFactory : IDesignTimeDbContextFactory<ExhibitionsDbContext>
{
    public ExhibitionsDbContext CreateDbContext(string[] args) => new(DesignTime.Options<ExhibitionsDbContext>(ExhibitionsDbContext.Module));
}
