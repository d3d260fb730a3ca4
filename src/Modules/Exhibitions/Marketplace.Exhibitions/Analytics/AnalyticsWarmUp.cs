using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.Exhibitions.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Exhibitions.Analytics;

/// <summary>
/// When the process starts, prepares the dashboards of the exhibitions that are live and were visited today or
/// yesterday (at most <see cref="MaxExhibitions"/>): loads their counters (the snapshot and the visit rows after it)
/// and computes their analytics into <see cref="AnalyticsAnswers"/>. An organiser who opens the dashboard right after a
/// deploy is then answered from memory instead of paying for the snapshot, the compilation of every query and the
/// computation (2 s on the development machine at a million visits). Runs in the background; a call that arrives
/// meanwhile waits for the same counters, not for the warm-up.
/// </summary>
internal sealed partial class AnalyticsWarmUp(
    IServiceScopeFactory scopes,
    IOptions<AnalyticsOptions> options,
    [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock,
    ILogger<AnalyticsWarmUp> logger) : BackgroundService
{
    private const int MaxExhibitions = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUpOnStart)
        {
            return;
        }

        await Task.Yield(); // not on the host's start path
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<ExhibitionsDbContext>();
            var now = clock.GetUtcNow();
            var yesterday = Jakarta.Day(now.AddDays(-1));
            var live = await db.Exhibitions.AsNoTracking()
                .Where(e => e.Published && e.StartsAt <= now && e.EndsAt > now && db.BoothDays.Any(d => d.ExhibitionId == e.Id && d.Day >= yesterday))
                .OrderByDescending(e => e.StartsAt).Select(e => e.Id).Take(MaxExhibitions).ToListAsync(stoppingToken);
            var answers = services.GetRequiredService<AnalyticsAnswers>();
            var counters = services.GetRequiredService<IVisitCounters>();
            foreach (var id in live)
            {
                await ExhibitionAnalytics.CachedAsync(answers, db, counters, id, null, clock.GetUtcNow(), stoppingToken);
            }

            LogWarmedUp(logger, live.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only a head start: the first call computes what the warm-up could not.
            LogWarmUpFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exhibition analytics prepared for {Count} live exhibitions")]
    private static partial void LogWarmedUp(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prepare the live exhibitions' analytics at start; the first calls compute them")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception ex);
}
