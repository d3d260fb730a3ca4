using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Engagement.Notifications;

/// <summary>
/// One line in a user's in-app notifications list. <see cref="DedupKey"/> names the fact it reports
/// (<c>product-published:{id}</c>); the unique index on (recipient, key) is what makes every producer idempotent —
/// a redelivered event, a second API instance's scheduler, a retry after a crash all add nothing.
/// </summary>
internal sealed class Notification
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 1_000;

    public Guid Id { get; set; }

    public Guid RecipientId { get; set; }

    public string Kind { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Body { get; set; }

    public string? Link { get; set; }

    public string DedupKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>How far the schedule watcher has looked (the end of the last window it scanned).</summary>
internal sealed class ScheduleCursor
{
    public string Name { get; set; } = "";

    public DateTimeOffset Until { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("engagement_notifications");
        b.HasKey(n => n.Id);
        b.HasIndex(n => new { n.RecipientId, n.DedupKey }).IsUnique();
        b.HasIndex(n => new { n.RecipientId, n.CreatedAt });
        b.HasIndex(n => new { n.RecipientId, n.ReadAt });
        b.Property(n => n.Kind).HasMaxLength(40).IsRequired();
        b.Property(n => n.Title).HasMaxLength(Notification.MaxTitleLength).IsRequired();
        b.Property(n => n.Body).HasMaxLength(Notification.MaxBodyLength);
        b.Property(n => n.Link).HasMaxLength(300);
        b.Property(n => n.DedupKey).HasMaxLength(200).IsRequired();
    }
}

internal sealed class ScheduleCursorConfiguration : IEntityTypeConfiguration<ScheduleCursor>
{
    public void Configure(EntityTypeBuilder<ScheduleCursor> b)
    {
        b.ToTable("engagement_schedule_cursors");
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(40);
    }
}
