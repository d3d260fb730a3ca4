using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Ledger.Settlement;

internal static class SettlementStatus
{
    /// <summary>Paid; the shop's share waits in pending.</summary>
    public const string Pending = "pending";

    /// <summary>Completed (or shipped long enough ago); the shop's share is available.</summary>
    public const string Available = "available";

    /// <summary>Cancelled after payment; everything not refunded before was reversed.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>Who bears an order's discount: nobody (no voucher), the shop (its own voucher) or the platform (a marketplace voucher).</summary>
internal static class VoucherBearer
{
    public const string None = "none";
    public const string Shop = "shop";
    public const string Platform = "platform";
}

/// <summary>
/// The Ledger's own record of a paid order: how it was paid, where the shop's share of it sits now, what is left to
/// refund. Captured from <c>OrderPaid</c>; every change is a conditional update on <see cref="Version"/> so a refund and
/// the release racing each other cannot both act on the same old state.
/// </summary>
internal sealed class SettlementOrder
{
    public Guid OrderId { get; set; }

    public Guid GroupId { get; set; }

    public Guid ShopId { get; set; }

    public string Currency { get; set; } = "";

    public string PaymentMethod { get; set; } = "";

    public string? PaymentIntentId { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    public DateTimeOffset PaidAt { get; set; }

    public DateTimeOffset? ShippedAt { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    public string Status { get; set; } = SettlementStatus.Pending;

    public long Total { get; set; }

    public long ShippingAmount { get; set; }

    public bool ShippingRefunded { get; set; }

    public string VoucherBorneBy { get; set; } = VoucherBearer.None;

    /// <summary>What went back to the shopper so far.</summary>
    public long RefundedAmount { get; set; }

    public long Version { get; set; }

    public List<SettlementLine> Lines { get; set; } = [];
}

/// <summary>
/// A line of a paid order with its money split as posted: what the shopper paid for it (after its part of the discount),
/// the commission (its sub-sector's or exhibition's rate, snapshotted), and what the platform paid of a marketplace voucher.
/// </summary>
internal sealed class SettlementLine
{
    public Guid LineId { get; set; }

    public Guid OrderId { get; set; }

    public Guid ProductId { get; set; }

    public string Subsector { get; set; } = "";

    public Guid? ExhibitionId { get; set; }

    public int Quantity { get; set; }

    public int RefundedQuantity { get; set; }

    public long GrossAmount { get; set; }

    public long DiscountAmount { get; set; }

    public long PaidAmount { get; set; }

    public long CommissionAmount { get; set; }

    /// <summary>The part of a marketplace voucher the platform pays for this line (0 for a shop voucher).</summary>
    public long SubsidyAmount { get; set; }

    public int RateBps { get; set; }

    /// <summary>The shop's share: what the shopper paid, plus the platform's subsidy, minus commission.</summary>
    public long ShopShare => PaidAmount + SubsidyAmount - CommissionAmount;
}

internal sealed class SettlementOrderConfiguration : IEntityTypeConfiguration<SettlementOrder>
{
    public void Configure(EntityTypeBuilder<SettlementOrder> b)
    {
        b.ToTable("ledger_orders");
        b.HasKey(o => o.OrderId);
        b.Property(o => o.OrderId).ValueGeneratedNever();
        b.Property(o => o.Currency).HasMaxLength(3);
        b.Property(o => o.PaymentMethod).HasMaxLength(20);
        b.Property(o => o.PaymentIntentId).HasMaxLength(100);
        b.Property(o => o.Status).HasMaxLength(20);
        b.Property(o => o.VoucherBorneBy).HasMaxLength(20);
        b.HasIndex(o => new { o.Status, o.ShippedAt });
        b.HasIndex(o => o.ShopId);
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
    }
}

internal sealed class SettlementLineConfiguration : IEntityTypeConfiguration<SettlementLine>
{
    public void Configure(EntityTypeBuilder<SettlementLine> b)
    {
        b.ToTable("ledger_order_lines");
        b.HasKey(l => l.LineId);
        b.Property(l => l.LineId).ValueGeneratedNever();
        b.Property(l => l.Subsector).HasMaxLength(60);
        b.Ignore(l => l.ShopShare);
        b.HasIndex(l => l.OrderId);
    }
}
