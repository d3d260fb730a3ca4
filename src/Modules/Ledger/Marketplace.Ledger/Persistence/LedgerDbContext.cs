using Marketplace.Ledger.Commission;
using Marketplace.Ledger.Journal;
using Marketplace.Ledger.Payouts;
using Marketplace.Ledger.Refunds;
using Marketplace.Ledger.Settlement;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Ledger.Persistence;

internal sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    public const string Module = "ledger";

    public DbSet<LedgerAccount> Accounts => Set<LedgerAccount>();

    public DbSet<JournalEntry> Entries => Set<JournalEntry>();

    public DbSet<JournalLine> Lines => Set<JournalLine>();

    public DbSet<SettlementOrder> Orders => Set<SettlementOrder>();

    public DbSet<SettlementLine> OrderLines => Set<SettlementLine>();

    public DbSet<CommissionRate> CommissionRates => Set<CommissionRate>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<RefundLine> RefundLines => Set<RefundLine>();

    public DbSet<BankAccount> BankAccounts => Set<BankAccount>();

    public DbSet<Payout> Payouts => Set<Payout>();

    public DbSet<PayoutSchedule> PayoutSchedules => Set<PayoutSchedule>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.ApplyMarketplaceConventions(Database);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Database.IsNpgsql() ? Module : null);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LedgerDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox(Module);
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the host.</summary>
internal sealed class LedgerDesignTimeFactory : IDesignTimeDbContextFactory<LedgerDbContext>
{
    public LedgerDbContext CreateDbContext(string[] args) => new(DesignTime.Options<LedgerDbContext>(LedgerDbContext.Module));
}
