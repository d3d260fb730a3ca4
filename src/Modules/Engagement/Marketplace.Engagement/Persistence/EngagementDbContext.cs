using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Engagement.Follows;
using Marketplace.Engagement.Notifications;
using Marketplace.Engagement.Ratings;
using Marketplace.Engagement.Reviews;
using Marketplace.Engagement.Wishlists;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Engagement.Persistence;

internal sealed class EngagementDbContext(DbContextOptions<EngagementDbContext> options) : DbContext(options)
{
    public const string Module = "engagement";

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<ReviewVote> Votes => Set<ReviewVote>();

    public DbSet<ReviewReport> Reports => Set<ReviewReport>();

    public DbSet<RatingAggregate> RatingAggregates => Set<RatingAggregate>();

    public DbSet<WishlistItem> WishlistItems => Set<WishlistItem>();

    public DbSet<Follow> Follows => Set<Follow>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ScheduleCursor> ScheduleCursors => Set<ScheduleCursor>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.ApplyMarketplaceConventions(Database);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Database.IsNpgsql() ? Module : null);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EngagementDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox(Module);
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the host.</summary>
internal sealed class EngagementDesignTimeFactory : IDesignTimeDbContextFactory<EngagementDbContext>
{
    public EngagementDbContext CreateDbContext(string[] args) => new(DesignTime.Options<EngagementDbContext>(EngagementDbContext.Module));
}
