using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Ledger.Journal;

/// <summary>An account and its running balance (the sum of its journal lines, kept in step in the same transaction).</summary>
internal sealed class LedgerAccount
{
    public string Id { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Currency { get; set; } = "";

    public long Balance { get; set; }

    /// <summary>
    /// The time of the account's last line (shop accounts; null before the first): a posting dates its lines no earlier.
    /// Kept on the row the posting locks, so a posting that waited for that lock reads the time the holder committed.
    /// </summary>
    public DateTimeOffset? LastPostedAt { get; set; }
}

/// <summary>
/// One movement of money: append-only (a correction is a new entry), its lines sum to zero, one currency.
/// <see cref="SourceKey"/> is unique (<c>order_paid:{orderId}</c>, <c>refund:{refundId}</c>, …), so a source is posted once
/// however often its event is delivered.
/// </summary>
internal sealed class JournalEntry
{
    public Guid Id { get; set; }

    public string SourceKey { get; set; } = "";

    public string Kind { get; set; } = "";

    public Guid? OrderId { get; set; }

    public Guid? ShopId { get; set; }

    /// <summary>The integration event that caused it, when one did.</summary>
    public Guid? EventId { get; set; }

    public string Currency { get; set; } = "";

    public DateTimeOffset PostedAt { get; set; }

    public string? Note { get; set; }

    public List<JournalLine> Lines { get; set; } = [];
}

/// <summary>
/// One side of an entry. Carries the account, its balance after it, the order and order line it is about, and (on commission lines) the
/// sub-sector and rate, so statements and the commission report read lines alone. <see cref="Month"/> (yyyy-MM, UTC)
/// lets both providers group by month in SQL.
/// </summary>
internal sealed class JournalLine
{
    public long Id { get; set; }

    public Guid EntryId { get; set; }

    public string AccountId { get; set; } = "";

    public string Kind { get; set; } = "";

    public long Amount { get; set; }

    /// <summary>
    /// The account's balance right after this line: written by the posting that moved the balance, under the account
    /// row's lock, so an account's lines in id order carry its running balance. A shop account's lines are never dated
    /// before the previous one, so in (time, id) order too, and its balance at any moment is the last line's before it
    /// (one index seek, not a sum over the account's history).
    /// </summary>
    public long BalanceAfter { get; set; }

    public string Currency { get; set; } = "";

    public Guid? OrderId { get; set; }

    public Guid? OrderLineId { get; set; }

    public string? Subsector { get; set; }

    public int? RateBps { get; set; }

    public string Month { get; set; } = "";

    public DateTimeOffset PostedAt { get; set; }
}

internal sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> b)
    {
        b.ToTable("ledger_accounts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).HasMaxLength(120);
        b.Property(a => a.Kind).HasMaxLength(40);
        b.Property(a => a.Currency).HasMaxLength(3);
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> b)
    {
        b.ToTable("ledger_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.SourceKey).HasMaxLength(150);
        b.HasIndex(e => e.SourceKey).IsUnique();
        b.Property(e => e.Kind).HasMaxLength(40);
        b.Property(e => e.Currency).HasMaxLength(3);
        b.Property(e => e.Note).HasMaxLength(300);
        b.HasIndex(e => e.OrderId);
        b.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.EntryId);
    }
}

internal sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLine>
{
    public void Configure(EntityTypeBuilder<JournalLine> b)
    {
        b.ToTable("ledger_lines");
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).ValueGeneratedOnAdd();
        b.Property(l => l.AccountId).HasMaxLength(120);
        b.Property(l => l.Kind).HasMaxLength(40);
        b.Property(l => l.Currency).HasMaxLength(3);
        b.Property(l => l.Subsector).HasMaxLength(60);
        b.Property(l => l.Month).HasMaxLength(7);
        // A statement reads one account's lines in a period in order, and its opening and closing balances are the
        // BalanceAfter of the last line before each end: one seek each. On PostgreSQL the index covers both reads.
        b.HasIndex(l => new { l.AccountId, l.PostedAt, l.Id }).IncludeProperties(l => new { l.Amount, l.BalanceAfter });
        b.HasIndex(l => new { l.AccountId, l.Month });
        b.HasIndex(l => l.EntryId);
    }
}
