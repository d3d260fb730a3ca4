using Marketplace.Engagement.Contracts;
using Marketplace.Engagement.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Engagement.Notifications;

/// <summary>What a notification says.</summary>
internal sealed record NotificationContent(string Kind, string Title, string? Body, string? Link);

/// <summary>
/// Writes notifications, each at most once per recipient and <c>dedupKey</c>: recipients who already have it are
/// skipped, and the unique index settles a race with another writer (the chunk is then re-read and retried).
/// </summary>
internal sealed class Notifier(EngagementDbContext db, [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock)
{
    private const int Chunk = 500;

    public async Task NotifyFollowersAsync(FollowedKind kind, Guid targetId, NotificationContent content, string dedupKey, CancellationToken ct)
    {
        var followers = await db.Follows.AsNoTracking().Where(f => f.Kind == kind && f.TargetId == targetId).Select(f => f.UserId).ToListAsync(ct);
        await NotifyAsync(followers, content, dedupKey, ct);
    }

    public async Task NotifyAsync(IReadOnlyList<Guid> recipients, NotificationContent content, string dedupKey, CancellationToken ct)
    {
        foreach (var chunk in recipients.Distinct().Chunk(Chunk))
        {
            for (var attempt = 1; ; attempt++)
            {
                var already = await db.Notifications.AsNoTracking()
                    .Where(n => n.DedupKey == dedupKey && chunk.Contains(n.RecipientId))
                    .Select(n => n.RecipientId).ToListAsync(ct);
                var now = clock.GetUtcNow();
                foreach (var recipient in chunk.Except(already))
                {
                    db.Notifications.Add(new Notification
                    {
                        Id = Guid.CreateVersion7(),
                        RecipientId = recipient,
                        Kind = content.Kind,
                        Title = Truncate(content.Title, Notification.MaxTitleLength)!,
                        Body = Truncate(content.Body, Notification.MaxBodyLength),
                        Link = content.Link,
                        DedupKey = dedupKey,
                        CreatedAt = now,
                    });
                }

                try
                {
                    await db.SaveChangesAsync(ct);
                    break;
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
