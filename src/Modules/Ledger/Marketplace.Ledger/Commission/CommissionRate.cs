using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Ledger.Commission;

internal static class RateScope
{
    public const string Default = "default";
    public const string Subsector = "subsector";
    public const string Exhibition = "exhibition";
}

/// <summary>
/// One version of a commission rate, effective from a moment on. Rates are never updated in place: setting one appends
/// a version, so the rate in force when an order was placed can always be found again, and a later change cannot
/// rewrite what an order was charged. A null rate removes an exhibition's override from then on.
/// </summary>
internal sealed class CommissionRate
{
    public long Id { get; set; }

    public string Scope { get; set; } = "";

    /// <summary>The sub-sector code, the exhibition id, or empty for the default.</summary>
    public string Key { get; set; } = "";

    public int? RateBps { get; set; }

    public DateTimeOffset EffectiveFrom { get; set; }

    public Guid? SetBy { get; set; }
}

internal sealed class CommissionRateConfiguration : IEntityTypeConfiguration<CommissionRate>
{
    public void Configure(EntityTypeBuilder<CommissionRate> b)
    {
        b.ToTable("ledger_commission_rates");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedOnAdd();
        b.Property(r => r.Scope).HasMaxLength(20);
        b.Property(r => r.Key).HasMaxLength(60);
        b.HasIndex(r => new { r.Scope, r.Key, r.EffectiveFrom });
    }
}
