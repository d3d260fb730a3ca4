using Marketplace.Engagement.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Engagement.Follows;

/// <summary>A user follows a shop or an exhibition. One row per user and target (the key).</summary>
internal sealed class Follow
{
    public const int MaxPerUser = 1_000;

    public Guid UserId { get; set; }

    public FollowedKind Kind { get; set; }

    public Guid TargetId { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> b)
    {
        b.ToTable("engagement_follows");
        b.HasKey(f => new { f.UserId, f.Kind, f.TargetId });
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        // Fan-out reads "who follows this shop".
        b.HasIndex(f => new { f.Kind, f.TargetId });
    }
}
