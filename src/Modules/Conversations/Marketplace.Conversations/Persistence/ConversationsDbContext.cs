using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Conversations.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Conversations.Persistence;

internal sealed class ConversationsDbContext(DbContextOptions<ConversationsDbContext> options) : DbContext(options)
{
    public const string Module = "conversations";

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<ShopPresence> Presence => Set<ShopPresence>();

    public DbSet<Clinics.Clinic> Clinics => Set<Clinics.Clinic>();

    public DbSet<Clinics.ClinicSlot> ClinicSlots => Set<Clinics.ClinicSlot>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.ApplyMarketplaceConventions(Database);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Database.IsNpgsql() ? Module : null);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConversationsDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox(Module);
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the host.</summary>
internal sealed class ConversationsDesignTimeFactory : IDesignTimeDbContextFactory<ConversationsDbContext>
{
    public ConversationsDbContext CreateDbContext(string[] args) => new(DesignTime.Options<ConversationsDbContext>(ConversationsDbContext.Module));
}
