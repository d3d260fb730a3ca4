using Marketplace.Cart.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Cart.Carts;

/// <summary>Deletes guest carts past their expiry (reads already treat them as gone).</summary>
internal sealed partial class GuestCartCleanupService(IServiceScopeFactory scopes, IOptions<CartOptions> options, TimeProvider clock, ILogger<GuestCartCleanupService> logger) : BackgroundService
{
    public static async Task<int> DeleteExpiredAsync(CartDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var expired = db.Carts.Where(c => c.UserId == null && c.ExpiresAt != null && c.ExpiresAt <= now);
        await db.Lines.Where(l => expired.Select(c => c.Id).Contains(l.CartId)).ExecuteDeleteAsync(ct);
        return await expired.ExecuteDeleteAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await DeleteExpiredAsync(scope.ServiceProvider.GetRequiredService<CartDbContext>(), clock.GetUtcNow(), stoppingToken);
                if (deleted > 0)
                {
                    LogDeleted(logger, deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired guest carts")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired guest carts failed; will retry")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
