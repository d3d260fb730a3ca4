using System.Globalization;
using Marketplace.Ledger.Journal;
using Marketplace.Ledger.Payouts;
using Marketplace.Ledger.Persistence;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Ledger.Settlement;

/// <summary>
/// Every <c>Ledger:JobInterval</c>: releases the shares of orders shipped longer ago than <c>Ledger:ReleaseAfterShipped</c>,
/// settles refunds left pending past <c>Ledger:PendingRefundGrace</c> (<see cref="Refunds.PendingRefunds"/>), and, on <c>Ledger:Payouts:WeeklyDay</c>, requests a payout of the whole available balance of every shop that opted in
/// (one per shop and ISO week: the week is the payout's idempotency key, so several instances or restarts make one).
/// </summary>
internal sealed partial class LedgerJobs(IServiceScopeFactory scopes, IOptions<LedgerOptions> options, TimeProvider clock, ILogger<LedgerJobs> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.JobInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Release>().ReleaseDueAsync(ct);
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Refunds.PendingRefunds>().RecoverAllAsync(ct);
        }

        var now = clock.GetUtcNow();
        if (now.UtcDateTime.DayOfWeek != options.Value.Payouts.WeeklyDay)
        {
            return;
        }

        var week = $"weekly-{ISOWeek.GetYear(now.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(now.UtcDateTime):00}";
        List<Guid> shops;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            shops = await db.PayoutSchedules.AsNoTracking().Where(s => s.Weekly).Select(s => s.ShopId).ToListAsync(ct);
        }

        foreach (var shopId in shops)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            var account = Accounts.Shop(shopId, Accounts.ShopAvailable, Money.DefaultCurrency);
            var available = await db.Accounts.AsNoTracking().Where(a => a.Id == account).Select(a => a.Balance).SingleOrDefaultAsync(ct);
            if (available < options.Value.Payouts.MinimumAmount || await db.Payouts.AnyAsync(p => p.ShopId == shopId && p.IdempotencyKey == week, ct))
            {
                continue;
            }

            var result = await scope.ServiceProvider.GetRequiredService<PayoutRequests>()
                .RequestAsync(shopId, Money.Idr(available), week, null, scheduled: true, ct);
            if (!result.IsSuccess)
            {
                LogSkipped(logger, shopId, result.Errors[0].Code);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ledger jobs failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly payout for shop {ShopId} not made: {Code}")]
    private static partial void LogSkipped(ILogger logger, Guid shopId, string code);
}
