using Marketplace.Engagement.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Engagement.Ratings;

/// <summary>
/// The visible reviews of one product or shop, counted per star. <see cref="Version"/> grows with every recount; it is
/// what <see cref="RatingChanged"/> carries so consumers keep only the newest aggregate.
/// </summary>
internal sealed class RatingAggregate
{
    public RatedKind Kind { get; set; }

    public Guid TargetId { get; set; }

    public int One { get; set; }

    public int Two { get; set; }

    public int Three { get; set; }

    public int Four { get; set; }

    public int Five { get; set; }

    public long Version { get; set; }

    public int Count => One + Two + Three + Four + Five;

    public IReadOnlyList<int> Distribution => [One, Two, Three, Four, Five];

    public void Set(IReadOnlyDictionary<int, int> countsByStars)
    {
        One = countsByStars.GetValueOrDefault(1);
        Two = countsByStars.GetValueOrDefault(2);
        Three = countsByStars.GetValueOrDefault(3);
        Four = countsByStars.GetValueOrDefault(4);
        Five = countsByStars.GetValueOrDefault(5);
    }
}

internal sealed class RatingAggregateConfiguration : IEntityTypeConfiguration<RatingAggregate>
{
    public void Configure(EntityTypeBuilder<RatingAggregate> b)
    {
        b.ToTable("engagement_rating_aggregates");
        b.HasKey(a => new { a.Kind, a.TargetId });
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        b.Ignore(a => a.Count);
        b.Ignore(a => a.Distribution);
    }
}
