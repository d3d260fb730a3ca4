using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Exhibitions.Visits;

/// <summary>
/// Counted visits per booth per Asia/Jakarta day, kept up to date in the same transaction as the visit rows (one
/// upsert per booth and day of a batch). Analytics read these few rows instead of grouping millions of visits.
/// </summary>
internal sealed class BoothDay
{
    public Guid ExhibitionId { get; set; }

    public Guid BoothId { get; set; }

    /// <summary>yyyymmdd in Asia/Jakarta.</summary>
    public int Day { get; set; }

    public long Visits { get; set; }

    /// <summary>The per-day totals of visits written in bulk (demo and benchmark data), for a store that has none yet.</summary>
    public static IEnumerable<BoothDay> Tally(IEnumerable<BoothVisit> visits) =>
        visits.GroupBy(v => (v.ExhibitionId, v.BoothId, v.Day))
            .Select(g => new BoothDay { ExhibitionId = g.Key.ExhibitionId, BoothId = g.Key.BoothId, Day = g.Key.Day, Visits = g.LongCount() });
}

internal sealed class BoothDayConfiguration : IEntityTypeConfiguration<BoothDay>
{
    public void Configure(EntityTypeBuilder<BoothDay> b)
    {
        b.ToTable("exhibitions_booth_days");
        b.HasKey(d => new { d.BoothId, d.Day });
        b.HasIndex(d => new { d.ExhibitionId, d.Day });
    }
}
