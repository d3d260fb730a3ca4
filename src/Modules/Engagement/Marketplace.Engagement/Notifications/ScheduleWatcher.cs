using Marketplace.Engagement.Contracts;
using Marketplace.Engagement.Persistence;
using Marketplace.Exhibitions.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Engagement.Notifications;

/// <summary><c>Engagement:Notifications</c>.</summary>
internal sealed class NotificationOptions
{
    /// <summary>How often the exhibition timetable is scanned for openings and live sessions that started.</summary>
    public TimeSpan ScheduleScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a long stop the scan looks back at most this far (older starts are no longer news).</summary>
    public TimeSpan MaxLookback { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>
/// "An exhibition opens" and "a live session starts" are moments on a clock, not commands, so no event announces
/// them. Each scan asks the Exhibitions module what started in (last scan's end, now] and tells followers; the end is
/// stored, so a restart continues where it stopped. Every notification carries a dedup key, so overlapping windows
/// (two API instances scanning, a crash before the cursor was saved) still tell each follower once.
/// </summary>
internal sealed class ScheduleScan(
    EngagementDbContext db,
    IExhibitionSchedule schedule,
    Notifier notifier,
    IOptions<NotificationOptions> options,
    [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock)
{
    private const string CursorName = "exhibitions";

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cursor = await db.ScheduleCursors.SingleOrDefaultAsync(c => c.Name == CursorName, ct);
        var from = cursor?.Until ?? now - options.Value.ScheduleScanInterval;
        if (from > now)
        {
            // The clock was stepped back (a time correction): scan the last interval, as on a first start.
            from = now - options.Value.ScheduleScanInterval;
        }

        if (from < now - options.Value.MaxLookback)
        {
            from = now - options.Value.MaxLookback;
        }

        foreach (var opening in await schedule.GetOpeningsAsync(from, now, ct))
        {
            var exhibition = opening.Exhibition;
            await notifier.NotifyFollowersAsync(FollowedKind.Exhibition, exhibition.Id,
                new NotificationContent("exhibition_opened", $"{exhibition.Title} sudah dibuka", null, $"/api/v1/exhibitions/{exhibition.Id}"),
                $"exhibition-opened:{exhibition.Id}", ct);
            foreach (var booth in opening.Booths)
            {
                await notifier.NotifyFollowersAsync(FollowedKind.Shop, booth.ShopId, NotificationHandlers.BoothLive(exhibition, booth),
                    NotificationHandlers.BoothLiveKey(booth.BoothId), ct);
            }
        }

        foreach (var session in await schedule.GetLiveSessionStartsAsync(from, now, ct))
        {
            await notifier.NotifyFollowersAsync(FollowedKind.Exhibition, session.Exhibition.Id,
                new NotificationContent("live_session", $"Siaran langsung di {session.Exhibition.Title}: {session.Title}", $"{session.Booth.ShopName} mulai siaran sekarang.",
                    $"/api/v1/booths/{session.Booth.BoothId}"),
                $"live-session:{session.Booth.BoothId}:{session.StartsAt.ToUnixTimeSeconds()}", ct);
        }

        db.ChangeTracker.Clear();
        if (cursor is null)
        {
            db.ScheduleCursors.Add(new ScheduleCursor { Name = CursorName, Until = now });
        }
        else
        {
            db.ScheduleCursors.Attach(cursor).Entity.Until = now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance created the cursor at the same moment; its value is as good as ours.
        }
    }
}

/// <summary>Runs <see cref="ScheduleScan"/> every <see cref="NotificationOptions.ScheduleScanInterval"/>.</summary>
internal sealed partial class ScheduleWatcher(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, ILogger<ScheduleWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScheduleScanInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ScheduleScan>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store may be migrating or briefly away; the next tick scans the same window again.
                LogScanFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning the exhibition timetable for notifications failed; will retry")]
    private static partial void LogScanFailed(ILogger logger, Exception ex);
}
