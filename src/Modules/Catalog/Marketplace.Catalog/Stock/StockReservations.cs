using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
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

        // In a checkout's shared transaction the ids are its new orders' (a retry is answered by its Idempotency-Key), so
        // the look-up is left out there: a duplicate would fail the insert below, and with it the whole checkout.
        if (!enlisted && await db.StockReservations.AnyAsync(r => reservationIds.Contains(r.Id), ct))
        {
            return new ReservationResult(ReservationOutcome.AlreadyReserved);
        }

        // Whether each product may be sold (published, its shop active) is part of its stock update (TakeStockAsync), not a
        // read before it; a product it refuses is told apart from one short of stock only then (ShortLineAsync).
        var ids = totals.Select(l => l.ProductId).ToList();
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

        var taken = await TakeStockAsync(totals, ct);
        if (taken.Count < totals.Count)
        {
            var shortLine = totals[taken.Count];
            if (transaction is not null)
            {
                await transaction.RollbackAsync(ct);
            }

            db.ChangeTracker.Clear();
            return await ShortLineAsync(shortLine.ProductId, ct);
        }

        foreach (var (line, after) in totals.Zip(taken))
        {
            db.AddIntegrationEvent(new ProductStockChanged(line.ProductId, after.ShopId, after.Stock, after.Version) { OccurredAt = now });
        }

        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        await db.AfterCommitAsync(() => cache.ProductsChangedAsync(ids, CancellationToken.None));
        return new ReservationResult(ReservationOutcome.Reserved);
    }

    /// <summary>Why the stock update refused <paramref name="productId"/>: not sellable (gone, unpublished, shop suspended) or short.</summary>
    private async Task<ReservationResult> ShortLineAsync(Guid productId, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking()
            .Where(p => p.Id == productId)
            .Join(db.Shops, p => p.ShopId, s => s.Id, (p, s) => new { p.Stock, Sellable = p.Status == ProductStatus.Published && s.Status == ShopStatus.Active })
            .SingleOrDefaultAsync(ct);
        return product is { Sellable: true }
            ? new ReservationResult(ReservationOutcome.InsufficientStock, productId, product.Stock)
            : new ReservationResult(ReservationOutcome.NotSellable, productId);
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

    /// <summary>
    /// Takes every line's units with one conditional update per product, all sent in one round trip and run in the given
    /// (product id) order, each returning the row as it now is. Stops at the first product short of stock: the lines
    /// taken so far are returned and the caller rolls back.
    /// </summary>
    /// <remarks>
    /// Why not <c>ExecuteUpdate</c> per product: three round trips with the first product's row already locked, then one
    /// more to read the new stock for the events; every other checkout of these products waited through all of them.
    /// Why not one <c>UPDATE … WHERE id IN (…)</c>: its rows are locked in scan order, which PostgreSQL does not promise
    /// to be the same for two checkouts, and two checkouts locking in different orders deadlock.
    /// </remarks>
    private async Task<List<(Guid ShopId, int Stock, long Version)>> TakeStockAsync(IReadOnlyList<StockLine> lines, CancellationToken ct)
    {
        var names = ProductColumns.ByModel.For(db);
        var (tableName, id, shopId, stock, version, status, shops, shopsId, shopsStatus) = names;

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new System.Text.StringBuilder();
        StoreNames.Parameter(command, names.StatusProperty, "published", ProductStatus.Published);
        StoreNames.Parameter(command, names.ShopsStatusProperty, "active", ShopStatus.Active);
        for (var i = 0; i < lines.Count; i++)
        {
            StoreNames.Parameter(command, names.IdProperty, $"id{i}", lines[i].ProductId);
            StoreNames.Parameter(command, names.StockProperty, $"q{i}", lines[i].Quantity);
            sql.Append($"UPDATE {tableName} SET {stock} = {stock} - @q{i}, {version} = {version} + 1 ")
                .Append($"WHERE {id} = @id{i} AND {status} = @published AND {stock} >= @q{i} ")
                .Append($"AND EXISTS (SELECT 1 FROM {shops} WHERE {shops}.{shopsId} = {tableName}.{shopId} AND {shops}.{shopsStatus} = @active) ")
                .Append($"RETURNING {shopId}, {stock}, {version};\n");
        }

        command.CommandText = sql.ToString();
        var taken = new List<(Guid, int, long)>(lines.Count);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            do
            {
                if (!await reader.ReadAsync(ct))
                {
                    break;
                }

                taken.Add((reader.GetFieldValue<Guid>(0), reader.GetInt32(1), reader.GetInt64(2)));
            }
            while (await reader.NextResultAsync(ct));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return taken;
    }

    /// <summary>The products table's quoted name and columns, read from the model once per model (one per provider).</summary>
    private sealed record ProductColumns(
        string Table, string Id, string ShopId, string Stock, string Version, string Status, string ShopsTable, string ShopsId, string ShopsStatus)
    {
        public static readonly PerModel<ProductColumns> ByModel = new(db =>
        {
            var names = new StoreNames(db);
            return new ProductColumns(names.Table<Product>(), names.Column<Product>(nameof(Product.Id)), names.Column<Product>(nameof(Product.ShopId)),
                names.Column<Product>(nameof(Product.Stock)), names.Column<Product>(nameof(Product.Version)), names.Column<Product>(nameof(Product.Status)),
                names.Table<Shop>(), names.Column<Shop>(nameof(Shop.Id)), names.Column<Shop>(nameof(Shop.Status)))
            {
                IdProperty = names.Property<Product>(nameof(Product.Id)),
                StockProperty = names.Property<Product>(nameof(Product.Stock)),
                StatusProperty = names.Property<Product>(nameof(Product.Status)),
                ShopsStatusProperty = names.Property<Shop>(nameof(Shop.Status)),
            };
        });

        public required IProperty IdProperty { get; init; }

        public required IProperty StockProperty { get; init; }

        public required IProperty StatusProperty { get; init; }

        public required IProperty ShopsStatusProperty { get; init; }
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
