using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Ledger.Refunds;

internal static class RefundStatus
{
    /// <summary>
    /// Quantities claimed, money not yet known to be back (the provider is being called, did not answer, or the process
    /// died before the entry was posted). <see cref="PendingRefunds"/> completes or undoes it.
    /// </summary>
    public const string Pending = "pending";

    public const string Completed = "completed";
}

internal static class RefundMethod
{
    public const string Stripe = "stripe";

    /// <summary>The money went back by a bank transfer someone made by hand; recorded with its reference.</summary>
    public const string Manual = "manual";
}

/// <summary>Money back to a shopper for some units of some lines of one paid order (and its shipping, optionally).</summary>
internal sealed class Refund
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid ShopId { get; set; }

    public string Currency { get; set; } = "";

    public long Amount { get; set; }

    public bool Shipping { get; set; }

    public string Reason { get; set; } = "";

    public string Method { get; set; } = "";

    public string Status { get; set; } = RefundStatus.Pending;

    public string? ProviderRefundId { get; set; }

    public string? TransferReference { get; set; }

    public bool ReturnStock { get; set; }

    public Guid RequestedBy { get; set; }

    public string RequestedRole { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    public string RequestHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<RefundLine> Lines { get; set; } = [];
}

internal sealed class RefundLine
{
    public Guid RefundId { get; set; }

    public Guid OrderLineId { get; set; }

    public Guid ProductId { get; set; }

    public int Quantity { get; set; }

    /// <summary>What the shopper paid for these units (the money that goes back).</summary>
    public long Amount { get; set; }

    /// <summary>
    /// The commission and platform voucher subsidy of these units, fixed when the units were claimed: a refund completed
    /// later (by <see cref="PendingRefunds"/> after a crash) reverses exactly what was planned.
    /// </summary>
    public long Commission { get; set; }

    public long Subsidy { get; set; }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> b)
    {
        b.ToTable("ledger_refunds");
        b.HasKey(r => r.Id);
        b.Property(r => r.Currency).HasMaxLength(3);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.Method).HasMaxLength(20);
        b.Property(r => r.Status).HasMaxLength(20);
        b.Property(r => r.ProviderRefundId).HasMaxLength(100);
        b.Property(r => r.TransferReference).HasMaxLength(100);
        b.Property(r => r.RequestedRole).HasMaxLength(20);
        b.Property(r => r.IdempotencyKey).HasMaxLength(100);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.HasIndex(r => new { r.RequestedBy, r.IdempotencyKey }).IsUnique();
        b.HasIndex(r => r.OrderId);
        b.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.RefundId);
    }
}

internal sealed class RefundLineConfiguration : IEntityTypeConfiguration<RefundLine>
{
    public void Configure(EntityTypeBuilder<RefundLine> b)
    {
        b.ToTable("ledger_refund_lines");
        b.HasKey(l => new { l.RefundId, l.OrderLineId });
    }
}
