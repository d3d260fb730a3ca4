using Marketplace.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// Bumps <see cref="IVersioned"/> entities just before they are written, then builds the integration events that were
/// queued to be built "when saved" (they carry the new version). One place instead of every caller remembering to.
/// </summary>
internal sealed class VersioningInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Prepare(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prepare(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Prepare(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var tracker = context.ChangeTracker;
        tracker.DetectChanges();
        var now = clock.GetUtcNow();
        // Changes are detected once above; left on, every Entries() and Entry() below would scan the whole graph again.
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<IVersioned>().ToList())
            {
                if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && AMemberChanged(context, entry)))
                {
                    Bump(entry, now);
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }

        DeferredIntegrationEvents.Flush(context);
    }

    /// <summary>
    /// The version counts from what was read, so saving again after a failed attempt does not count twice; the original
    /// value stays the concurrency check (<c>WHERE version = @read</c>).
    /// </summary>
    private static void Bump(EntityEntry<IVersioned> entry, DateTimeOffset now)
    {
        var version = entry.Property(e => e.Version);
        version.CurrentValue = version.OriginalValue + 1;
        entry.Property(e => e.UpdatedAt).CurrentValue = now;
    }

    /// <summary>
    /// True when a member of one of the entity's collections (a cart's lines, an exhibition's tiers) is added, changed or
    /// removed: the aggregate changed although none of its own columns did.
    /// </summary>
    private static bool AMemberChanged(DbContext context, EntityEntry<IVersioned> entry)
    {
        foreach (var collection in entry.Collections)
        {
            if (collection.CurrentValue is { } members)
            {
                foreach (var member in members)
                {
                    if (context.Entry(member).State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                    {
                        return true;
                    }
                }
            }

            // A member removed from the collection is no longer in it, but its row is still tracked as deleted.
            if (collection.Metadata is INavigation { ForeignKey: { IsOwnership: false } foreignKey })
            {
                var key = foreignKey.PrincipalKey.Properties.Select(p => entry.Property(p.Name).CurrentValue).ToArray();
                var removed = context.ChangeTracker.Entries()
                    .Where(e => e.State == EntityState.Deleted && e.Metadata == foreignKey.DeclaringEntityType)
                    .Any(e => foreignKey.Properties.Select(p => e.Property(p.Name).OriginalValue).SequenceEqual(key));
                if (removed)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
