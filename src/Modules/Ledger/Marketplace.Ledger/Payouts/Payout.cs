using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Ledger.Payouts;

/// <summary>The account a shop is paid out to (one per shop; registering again replaces it for later payouts).</summary>
internal sealed class BankAccount
{
    public Guid ShopId { get; set; }

    public string BankCode { get; set; } = "";

    public string AccountNumber { get; set; } = "";

    public string HolderName { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}

internal static class PayoutStatus
{
    public const string Requested = "requested";
    public const string Approved = "approved";
    public const string Paid = "paid";
    public const string Failed = "failed";
}

/// <summary>
/// Money from a shop's available balance to its bank account: requested (the amount moves to in-payout at once, so it
/// cannot be requested twice), approved by an admin (handed to the provider), then paid (with the transfer's reference)
/// or failed (the money returns to available). The bank details are copied at request time.
/// </summary>
internal sealed class Payout
{
    public Guid Id { get; set; }

    public Guid ShopId { get; set; }

    public long Amount { get; set; }

    public string Currency { get; set; } = "";

    public string Status { get; set; } = PayoutStatus.Requested;

    public string BankCode { get; set; } = "";

    public string AccountNumber { get; set; } = "";

    public string HolderName { get; set; } = "";

    public string Provider { get; set; } = "";

    public string? ProviderReference { get; set; }

    public string? TransferReference { get; set; }

    public string? FailureReason { get; set; }

    public string IdempotencyKey { get; set; } = "";

    public bool Scheduled { get; set; }

    public Guid? RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }
}

/// <summary>A shop that asked for its whole available balance to be paid out every week.</summary>
internal sealed class PayoutSchedule
{
    public Guid ShopId { get; set; }

    public bool Weekly { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> b)
    {
        b.ToTable("ledger_bank_accounts");
        b.HasKey(a => a.ShopId);
        b.Property(a => a.ShopId).ValueGeneratedNever();
        b.Property(a => a.BankCode).HasMaxLength(3);
        b.Property(a => a.AccountNumber).HasMaxLength(20);
        b.Property(a => a.HolderName).HasMaxLength(100);
    }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> b)
    {
        b.ToTable("ledger_payouts");
        b.HasKey(p => p.Id);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.Status).HasMaxLength(20);
        b.Property(p => p.BankCode).HasMaxLength(3);
        b.Property(p => p.AccountNumber).HasMaxLength(20);
        b.Property(p => p.HolderName).HasMaxLength(100);
        b.Property(p => p.Provider).HasMaxLength(40);
        b.Property(p => p.ProviderReference).HasMaxLength(100);
        b.Property(p => p.TransferReference).HasMaxLength(100);
        b.Property(p => p.FailureReason).HasMaxLength(300);
        b.Property(p => p.IdempotencyKey).HasMaxLength(100);
        b.HasIndex(p => new { p.ShopId, p.IdempotencyKey }).IsUnique();
        b.HasIndex(p => new { p.Status, p.RequestedAt });
        b.HasIndex(p => new { p.ShopId, p.RequestedAt });
    }
}

internal sealed class PayoutScheduleConfiguration : IEntityTypeConfiguration<PayoutSchedule>
{
    public void Configure(EntityTypeBuilder<PayoutSchedule> b)
    {
        b.ToTable("ledger_payout_schedules");
        b.HasKey(s => s.ShopId);
        b.Property(s => s.ShopId).ValueGeneratedNever();
    }
}
