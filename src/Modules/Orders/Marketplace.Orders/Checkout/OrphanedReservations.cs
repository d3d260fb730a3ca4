using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Orders.Checkout;

/// <summary>
/// Gives back stock held for orders that were never stored. A checkout reserves stock (one reservation per order, its
/// id the order id) before the order group commits; if the process dies in between (kill -9, power loss), the
/// reservation outlives the checkout and would hold the units until the payment window closes (30 minutes). This runs
/// at start-up and every <see cref="Interval"/>: a held reservation older than <see cref="Grace"/> (far longer than a
/// checkout takes) whose order does not exist is released. So after a crash the stock is back within a minute of the
/// restart. On several instances each may find the same orphan; release is idempotent.
/// </summary>
internal sealed partial class OrphanedReservations(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OrphanedReservations> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Ticks in real time; "older than the grace" is judged on the same clock that stamped the reservations.
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var released = await SweepAsync(clock.GetUtcNow() - Grace, stoppingToken);
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
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(DateTimeOffset createdBefore, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var stock = scope.ServiceProvider.GetRequiredService<IStockReservations>();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var held = await stock.ListHeldAsync(createdBefore, 500, ct);
        if (held.Count == 0)
        {
            return 0;
        }

        var known = await db.Orders.AsNoTracking().Where(o => held.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        var orphans = held.Except(known).ToList();
        foreach (var id in orphans)
        {
            await stock.ReleaseAsync(id, ct);
        }

        return orphans.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released {Count} stock reservations of checkouts that never stored their orders (a crash mid-checkout)")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for orphaned stock reservations failed; will retry")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
