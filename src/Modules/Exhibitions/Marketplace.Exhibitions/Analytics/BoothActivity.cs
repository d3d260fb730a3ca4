using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Exhibitions.Analytics;

internal enum ActivityKind
{
    AddToCart,
    Sale,
}

/// <summary>
/// Commerce attributed to a booth, from the Cart's <c>CartItemAdded</c> and the Orders' <c>OrderLinePaid</c> events
/// (their BoothId). One row per event, keyed by the event id, so a redelivered event is recorded once.
/// </summary>
internal sealed class BoothActivity
{
    public Guid EventId { get; set; }

    public Guid ExhibitionId { get; set; }

    public Guid BoothId { get; set; }

    public ActivityKind Kind { get; set; }

    public Guid ProductId { get; set; }

    public Guid? OrderId { get; set; }

    public int Quantity { get; set; }

    public long Amount { get; set; }

    public string Currency { get; set; } = SharedKernel.Money.DefaultCurrency;

    public DateTimeOffset At { get; set; }

    public int Day { get; set; }
}

internal sealed class BoothActivityConfiguration : IEntityTypeConfiguration<BoothActivity>
{
    public void Configure(EntityTypeBuilder<BoothActivity> b)
    {
        b.ToTable("exhibitions_activities");
        b.HasKey(a => a.EventId);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Currency).HasMaxLength(3).IsRequired();
        b.HasIndex(a => new { a.ExhibitionId, a.Kind });
        b.HasIndex(a => a.BoothId);
    }
}
