using Marketplace.Cart.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Cart.Vouchers;

/// <summary>
/// A discount code: a percentage or a fixed amount, for one shop or the whole marketplace, valid in a window, with an
/// optional usage limit that a conditional update enforces (<c>times_used &lt; usage_limit</c>), never application code.
/// </summary>
internal sealed class Voucher
{
    public const int MaxCodeLength = 40;

    public Guid Id { get; set; }

    /// <summary>Upper-case, unique.</summary>
    public string Code { get; set; } = "";

    public VoucherKind Kind { get; set; }

    /// <summary>Percent (1–100) for percentage vouchers; minor units for fixed ones.</summary>
    public long Value { get; set; }

    public string Currency { get; set; } = "IDR";

    /// <summary>Null: marketplace-wide (made by an admin).</summary>
    public Guid? ShopId { get; set; }

    public DateTimeOffset ValidFrom { get; set; }

    public DateTimeOffset ValidUntil { get; set; }

    public int? UsageLimit { get; set; }

    public int TimesUsed { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();
}

/// <summary>One use of a voucher by one order group; the key makes a retried checkout use it once.</summary>
internal sealed class VoucherRedemption
{
    public Guid VoucherId { get; set; }

    public Guid OrderGroupId { get; set; }

    public DateTimeOffset RedeemedAt { get; set; }
}

internal sealed class VoucherConfiguration : IEntityTypeConfiguration<Voucher>
{
    public void Configure(EntityTypeBuilder<Voucher> b)
    {
        b.ToTable("cart_vouchers");
        b.HasKey(v => v.Id);
        b.Property(v => v.Code).HasMaxLength(Voucher.MaxCodeLength).IsRequired();
        b.HasIndex(v => v.Code).IsUnique();
        b.Property(v => v.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.Currency).HasMaxLength(3).IsRequired();
        b.HasIndex(v => v.ShopId);
    }
}

internal sealed class VoucherRedemptionConfiguration : IEntityTypeConfiguration<VoucherRedemption>
{
    public void Configure(EntityTypeBuilder<VoucherRedemption> b)
    {
        b.ToTable("cart_voucher_redemptions");
        b.HasKey(r => new { r.VoucherId, r.OrderGroupId });
    }
}
