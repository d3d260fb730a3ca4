using Marketplace.Media.Images;
using Marketplace.Media.Persistence;
using Marketplace.Media.Processing;
using Marketplace.Media.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Media.Cleanup;

/// <summary>
/// Deletes blobs that no image has shown for <see cref="MediaOptions.OrphanGracePeriod"/>: first the row — with a
/// condition that no image refers to it, and a foreign key that fails the delete if an upload referenced it a moment
/// ago — then the variants and any original left in the store.
/// </summary>
internal sealed partial class OrphanSweeper(
    IServiceScopeFactory scopes,
    IMediaStore store,
    IOptions<MediaOptions> options,
    TimeProvider clock,
    ILogger<OrphanSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        try
        {
            do
            {
                try
                {
                    await SweepAsync(clock.GetUtcNow(), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Deletes what was unreferenced before <paramref name="now"/> minus the grace period; returns how many blobs.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - options.Value.OrphanGracePeriod;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        var hashes = await db.Blobs.AsNoTracking()
            .Where(b => b.UnreferencedSince != null && b.UnreferencedSince <= cutoff)
            .Select(b => b.Hash)
            .Take(500)
            .ToListAsync(ct);
        var deleted = 0;
        foreach (var hash in hashes)
        {
            int rows;
            try
            {
                rows = await db.Blobs
                    .Where(b => b.Hash == hash && b.UnreferencedSince != null && b.UnreferencedSince <= cutoff && !db.Images.Any(i => i.BlobHash == hash))
                    .ExecuteDeleteAsync(ct);
            }
            catch (DbUpdateException)
            {
                continue; // Referenced again just now.
            }

            if (rows == 0)
            {
                continue;
            }

            deleted++;
            await store.DeleteAsync(MediaKeys.Incoming(hash), ct);
            foreach (var variant in VariantSpec.All)
            {
                await store.DeleteAsync(MediaKeys.Variant(hash, variant.Name, "webp"), ct);
                await store.DeleteAsync(MediaKeys.Variant(hash, variant.Name, "jpg"), ct);
            }
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping unreferenced media failed; the next sweep tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception ex);
}
