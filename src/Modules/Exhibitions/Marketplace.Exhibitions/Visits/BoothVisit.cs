using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Exhibitions.Visits;

/// <summary>
/// A counted visit: one per visitor per booth per de-duplication window (30 minutes). The store's rows are the truth
/// that the counters (HyperLogLog, trending) can always be rebuilt from.
/// </summary>
internal sealed class BoothVisit
{
    public long Id { get; set; }

    public Guid ExhibitionId { get; set; }

    public Guid BoothId { get; set; }

    /// <summary><c>u:{userId}</c> for a signed-in visitor, <c>a:{id}</c> for an anonymous one.</summary>
    public string VisitorId { get; set; } = "";

    public DateTimeOffset At { get; set; }

    /// <summary>The Asia/Jakarta calendar day, as yyyymmdd, so "by day" is a plain GROUP BY.</summary>
    public int Day { get; set; }
}

internal sealed class BoothVisitConfiguration : IEntityTypeConfiguration<BoothVisit>
{
    public void Configure(EntityTypeBuilder<BoothVisit> b)
    {
        b.ToTable("exhibitions_visits");
        b.HasKey(v => v.Id);
        b.Property(v => v.VisitorId).HasMaxLength(80).IsRequired();
        b.HasIndex(v => new { v.ExhibitionId, v.BoothId, v.Day });
        b.HasIndex(v => new { v.ExhibitionId, v.Day });
        b.HasIndex(v => new { v.ExhibitionId, v.At });
        // The in-process counters read an exhibition's rows after the last one they applied.
        b.HasIndex(v => new { v.ExhibitionId, v.Id });
    }
}
