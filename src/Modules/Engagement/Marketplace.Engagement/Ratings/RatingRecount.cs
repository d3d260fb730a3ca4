using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Engagement.Contracts;
using Marketplace.Engagement.Persistence;
using Marketplace.Engagement.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Engagement.Ratings;

/// <summary>
/// Runs a change to reviews and the recount of the product's and the shop's aggregates in one transaction, and queues
/// <see cref="RatingChanged"/> for both in the outbox of that transaction.
/// <para>
/// Why it is correct under concurrency: the transaction starts by bumping the version of both aggregate rows (product
/// first, then shop — one order everywhere, so no deadlock). That write locks the rows on PostgreSQL and takes SQLite's
/// single write lock, so two changes to one product's reviews run one after the other; and because the count is a new
/// statement after the lock was granted, it sees the other's committed review (READ COMMITTED takes a snapshot per
/// statement). The later transaction therefore always publishes the higher version with the complete count.
/// </para>
/// </summary>
internal sealed class RatingRecount(EngagementDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Locks both aggregates, runs <paramref name="change"/> (which adds or edits reviews on this context, and may
    /// return an error value to abandon everything), saves, recounts, and commits.
    /// </summary>
    /// <exception cref="DbUpdateException">A unique index refused the change (e.g. the line was reviewed meanwhile).</exception>
    public async Task<T> RunAsync<T>(Guid productId, Guid shopId, Func<Task<(T Result, bool Commit)>> change, CancellationToken ct)
    {
        // A first review of a product or shop creates its aggregate row; two such first reviews racing make one insert
        // fail on the primary key. Retrying sees the row and takes the lock normally.
        for (var attempt = 1; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var product = await LockAsync(RatedKind.Product, productId, ct);
                var shop = await LockAsync(RatedKind.Shop, shopId, ct);
                var (result, commit) = await change();
                if (!commit)
                {
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return result;
                }

                await db.SaveChangesAsync(ct);
                await RecountAsync(product, r => r.ProductId == productId, ct);
                await RecountAsync(shop, r => r.ShopId == shopId, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return result;
            }
            catch (DbUpdateException) when (attempt < 3 && db.ChangeTracker.Entries<RatingAggregate>().Any(e => e.State == EntityState.Added))
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
            catch
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }

    private async Task<RatingAggregate> LockAsync(RatedKind kind, Guid targetId, CancellationToken ct)
    {
        var bumped = await db.RatingAggregates
            .Where(a => a.Kind == kind && a.TargetId == targetId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, a => a.Version + 1), ct);
        if (bumped == 0)
        {
            var created = new RatingAggregate { Kind = kind, TargetId = targetId, Version = 1 };
            db.RatingAggregates.Add(created);
            await db.SaveChangesAsync(ct);
            return created;
        }

        return await db.RatingAggregates.SingleAsync(a => a.Kind == kind && a.TargetId == targetId, ct);
    }

    private async Task RecountAsync(RatingAggregate aggregate, System.Linq.Expressions.Expression<Func<Review, bool>> of, CancellationToken ct)
    {
        var counts = await db.Reviews.AsNoTracking()
            .Where(of)
            .Where(r => r.Status == ReviewStatus.Visible)
            .GroupBy(r => r.Rating)
            .Select(g => new { Stars = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Stars, x => x.Count, ct);
        aggregate.Set(counts);
        db.AddIntegrationEvent(new RatingChanged(aggregate.Kind, aggregate.TargetId, aggregate.Count, aggregate.Distribution, aggregate.Version)
        {
            OccurredAt = clock.GetUtcNow(),
        });
    }
}
