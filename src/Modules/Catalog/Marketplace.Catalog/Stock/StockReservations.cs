using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Catalog.Stock;

/// <summary>
/// Stock never goes below zero, whatever the concurrency: each product is one conditional UPDATE
/// (<c>stock = stock - q WHERE stock &gt;= q</c>) inside one transaction (its own, or a checkout's shared one), so a
/// checkout takes all its units or none, and two checkouts racing for the last unit cannot both win. The store, not
/// application code, arbitrates.
/// </summary>
internal sealed class StockReservations(CatalogDbContext db, CatalogCache cache, SharedStoreTransaction shared, TimeProvider clock) : IStockReservations
{
    public Task<ReservationResult> ReserveAsync(Guid reservationId, IReadOnlyList<StockLine> lines, DateTimeOffset expiresAt, CancellationToken ct) =>
        ReserveAllAsync([new ReservationLines(reservationId, lines)], expiresAt, ct);

    public async Task<ReservationResult> ReserveAllAsync(IReadOnlyList<ReservationLines> reservations, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var merged = reservations
            .Select(r => (r.ReservationId, Lines: r.Lines.GroupBy(l => l.ProductId).Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity))).ToList()))
            .ToList();
        if (merged.Count == 0 || merged.Any(r => r.Lines.Count == 0 || r.Lines.Any(l => l.Quantity <= 0)))
        {
            throw new ArgumentException("A reservation needs at least one line, each with a positive quantity.", nameof(reservations));
        }

        // One update per product over all the reservations, in a fixed order: two checkouts locking the same products in
        // the same order cannot deadlock on PostgreSQL.
        var totals = merged.SelectMany(r => r.Lines)
            .GroupBy(l => l.ProductId)
            .Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity)))
            .OrderBy(l => l.ProductId)
            .ToList();
        var reservationIds = merged.Select(r => r.ReservationId).ToList();
        var enlisted = shared.Enlist(db);

        if (await db.StockReservations.AnyAsync(r => reservationIds.Contains(r.Id), ct))
        {
            return new ReservationResult(ReservationOutcome.AlreadyReserved);
        }

        var ids = totals.Select(l => l.ProductId).ToList();
        var sellable = await db.Products.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.Status == ProductStatus.Published)
            .Join(db.Shops.Where(s => s.Status == ShopStatus.Active), p => p.ShopId, s => s.Id, (p, _) => p.Id)
            .ToListAsync(ct);
        var notSellable = ids.FirstOrDefault(id => !sellable.Contains(id));
        if (notSellable != Guid.Empty)
        {
            return new ReservationResult(ReservationOutcome.NotSellable, notSellable);
        }

        var now = clock.GetUtcNow();
        await using var transaction = enlisted ? null : await db.Database.BeginTransactionAsync(ct);

        // The reservations first, the hot stock rows last: a product's row stays locked from its update until the commit,
        // and every other checkout of that product waits for it, so only the stock-changed events come in between.
        foreach (var (reservationId, lines) in merged)
        {
            db.StockReservations.Add(new StockReservation
            {
                Id = reservationId,
                Status = ReservationStatus.Held,
                CreatedAt = now,
                ExpiresAt = expiresAt,
                Lines = lines.Select(l => new StockReservationLine { ReservationId = reservationId, ProductId = l.ProductId, Quantity = l.Quantity }).ToList(),
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (transaction is not null)
        {
            // The same reservation id raced in twice; the primary key let one through. Undo ours. (In a shared
            // transaction the exception goes to its owner, whose transaction is now doomed.)
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new ReservationResult(ReservationOutcome.AlreadyReserved);
        }

        foreach (var line in totals)
        {
            var quantity = line.Quantity;
            var taken = await db.Products
                .Where(p => p.Id == line.ProductId && p.Status == ProductStatus.Published && p.Stock >= quantity)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Stock, p => p.Stock - quantity)
                    .SetProperty(p => p.Version, p => p.Version + 1), ct);
            if (taken == 0)
            {
                if (transaction is not null)
                {
                    await transaction.RollbackAsync(ct);
                }

                db.ChangeTracker.Clear();
                var available = await db.Products.Where(p => p.Id == line.ProductId).Select(p => p.Stock).SingleAsync(ct);
                return new ReservationResult(ReservationOutcome.InsufficientStock, line.ProductId, available);
            }
        }

        await AddStockChangedEventsAsync(ids, now, ct);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        await db.AfterCommitAsync(() => cache.ProductsChangedAsync(ids, CancellationToken.None));
        return new ReservationResult(ReservationOutcome.Reserved);
    }

    public async Task<bool> ConfirmAsync(Guid reservationId, CancellationToken ct)
    {
        var confirmed = await db.StockReservations
            .Where(r => r.Id == reservationId && r.Status == ReservationStatus.Held)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReservationStatus.Confirmed), ct);
        return confirmed == 1
            || await db.StockReservations.AnyAsync(r => r.Id == reservationId && r.Status == ReservationStatus.Confirmed, ct);
    }

    public Task ReleaseAsync(Guid reservationId, CancellationToken ct) => ReleaseAsync(reservationId, expired: false, ct);

    public async Task<IReadOnlyList<Guid>> ListHeldAsync(DateTimeOffset createdBefore, int max, CancellationToken ct) =>
        await db.StockReservations.AsNoTracking()
            .Where(r => r.Status == ReservationStatus.Held && r.CreatedAt < createdBefore)
            .OrderBy(r => r.CreatedAt)
            .Select(r => r.Id)
            .Take(max)
            .ToListAsync(ct);

    public async Task<int> ReleaseExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await db.StockReservations
            .Where(r => r.Status == ReservationStatus.Held && r.ExpiresAt <= now)
            .OrderBy(r => r.ExpiresAt)
            .Select(r => r.Id)
            .Take(500)
            .ToListAsync(ct);
        var released = 0;
        foreach (var id in expired)
        {
            if (await ReleaseAsync(id, expired: true, ct))
            {
                released++;
            }
        }

        return released;
    }

    /// <summary>Claims the reservation (Held/Confirmed → Released) with one conditional update, then returns its units.</summary>
    private async Task<bool> ReleaseAsync(Guid reservationId, bool expired, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.StockReservations
            .Where(r => r.Id == reservationId && r.Status != ReservationStatus.Released && (!expired || r.Status == ReservationStatus.Held))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReservationStatus.Released).SetProperty(r => r.ReleasedAt, now), ct);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(ct);
            return false; // Already released (or confirmed, for expiry): idempotent.
        }

        var lines = await db.Set<StockReservationLine>().AsNoTracking().Where(l => l.ReservationId == reservationId).ToListAsync(ct);
        foreach (var line in lines)
        {
            var quantity = line.Quantity;
            await db.Products.Where(p => p.Id == line.ProductId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Stock, p => p.Stock + quantity)
                    .SetProperty(p => p.Version, p => p.Version + 1), ct);
        }

        await AddStockChangedEventsAsync(lines.Select(l => l.ProductId).ToList(), now, ct);
        if (expired)
        {
            db.AddIntegrationEvent(new StockReservationExpired(reservationId) { OccurredAt = now });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        await cache.ProductsChangedAsync(lines.Select(l => l.ProductId), ct);
        return true;
    }

    private async Task AddStockChangedEventsAsync(IReadOnlyCollection<Guid> productIds, DateTimeOffset now, CancellationToken ct)
    {
        var current = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.ShopId, p.Stock, p.Version }).ToListAsync(ct);
        foreach (var p in current)
        {
            db.AddIntegrationEvent(new ProductStockChanged(p.Id, p.ShopId, p.Stock, p.Version) { OccurredAt = now });
        }
    }
}

/// <summary>Returns the stock of unpaid reservations past their expiry, every half minute.</summary>
internal sealed partial class ReservationExpiryService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReservationExpiryService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var released = await scope.ServiceProvider.GetRequiredService<IStockReservations>().ReleaseExpiredAsync(stoppingToken);
                if (released > 0)
                {
                    LogReleased(logger, released);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {Count} expired stock reservations")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing expired stock reservations failed; will retry")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
