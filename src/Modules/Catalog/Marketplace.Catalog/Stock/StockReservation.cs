using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Catalog.Stock;

internal enum ReservationStatus
{
    Held,
    Confirmed,
    Released,
}

/// <summary>Units taken out of stock for a checkout until it is paid (confirmed), cancelled or expires (released).</summary>
internal sealed class StockReservation
{
    public Guid Id { get; set; }

    public ReservationStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    public List<StockReservationLine> Lines { get; set; } = [];
}

internal sealed class StockReservationLine
{
    public Guid ReservationId { get; set; }

    public Guid ProductId { get; set; }

    public int Quantity { get; set; }
}

internal sealed class StockReservationConfiguration : IEntityTypeConfiguration<StockReservation>
{
    public void Configure(EntityTypeBuilder<StockReservation> b)
    {
        b.ToTable("catalog_stock_reservations");
        b.HasKey(r => r.Id);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(r => new { r.Status, r.ExpiresAt });
        b.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReservationId);
    }
}

internal sealed class StockReservationLineConfiguration : IEntityTypeConfiguration<StockReservationLine>
{
    public void Configure(EntityTypeBuilder<StockReservationLine> b)
    {
        b.ToTable("catalog_stock_reservation_lines");
        b.HasKey(l => new { l.ReservationId, l.ProductId });
    }
}
