using Marketplace.Media.Contracts;
using Marketplace.Media.Images;
using Marketplace.Media.Persistence;
using Marketplace.Media.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Media.Processing;

/// <summary>Wakes the processor as soon as an upload commits, instead of at the next poll.</summary>
internal sealed class MediaProcessingSignal : Marketplace.BuildingBlocks.Background.WakeSignal;

/// <summary>
/// Writes the variants of accepted uploads, off the request path. Work is found in the store (blobs in
/// <c>processing</c>), so it survives a restart and is shared by every instance: a worker claims a blob with one
/// conditional UPDATE (a lease, <see cref="MediaOptions.ProcessingLease"/>), so two instances never render the same
/// blob at once, and a crashed worker's blob is taken over when its lease runs out. When the variants are stored the
/// blob turns <c>ready</c> and every owner showing it gets a new revision and a <see cref="MediaChanged"/> event.
/// </summary>
internal sealed partial class MediaProcessor(
    IServiceScopeFactory scopes,
    ImagePipeline pipeline,
    IMediaStore store,
    MediaProcessingSignal signal,
    IOptions<MediaOptions> options,
    TimeProvider clock,
    ILogger<MediaProcessor> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ProcessPendingAsync(stoppingToken) == 0)
                {
                    await signal.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(logger, ex);
                await Task.Delay(Poll, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Processes one batch of pending blobs, as many at once as decodes are allowed; returns how many it claimed.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var max = options.Value.MaxProcessingAttempts;
        List<string> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
            candidates = await db.Blobs.AsNoTracking()
                .Where(b => b.Status == MediaImageStatus.Processing && b.Attempts < max && (b.ClaimedUntil == null || b.ClaimedUntil < now))
                .OrderBy(b => b.CreatedAt)
                .Select(b => b.Hash)
                .Take(options.Value.MaxConcurrentDecodes * 2)
                .ToListAsync(ct);
        }

        var claimed = 0;
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentDecodes, CancellationToken = ct },
            async (hash, token) =>
            {
                if (await TryClaimAsync(hash, token))
                {
                    Interlocked.Increment(ref claimed);
                    await ProcessAsync(hash, token);
                }
            });
        return claimed;
    }

    private async Task<bool> TryClaimAsync(string hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Value.ProcessingLease;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        var rows = await db.Blobs
            .Where(b => b.Hash == hash && b.Status == MediaImageStatus.Processing && (b.ClaimedUntil == null || b.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.ClaimedUntil, until).SetProperty(b => b.Attempts, b => b.Attempts + 1), ct);
        return rows == 1;
    }

    private async Task ProcessAsync(string hash, CancellationToken ct)
    {
        string? error = null;
        RenderedImage? rendered = null;
        try
        {
            var original = await store.GetAsync(MediaKeys.Incoming(hash), ct)
                ?? throw new InvalidOperationException("The original is missing from the store.");
            await using (var content = original.OpenRead())
            {
                rendered = await pipeline.RenderAsync(hash, content, ct);
            }

            foreach (var variant in rendered.Variants)
            {
                await store.PutAsync(variant.Key, variant.Bytes, variant.ContentType, ct);
            }
        }
        catch (MediaStoreUnavailableException ex)
        {
            // The store's outage is not the image's fault: give the attempt back and try again after Retry-After, so a
            // bucket that is slow for a while does not turn good uploads into failed ones.
            LogStoreUnavailable(logger, hash, ex);
            await PostponeAsync(hash, ct);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = ex.GetType().Name + ": " + ex.Message;
            LogRenderFailed(logger, hash, ex);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RecordAsync(hash, rendered, error, ct);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // An upload to the same owner bumped its revision meanwhile; record again on fresh state.
            }
        }

        if (rendered is not null)
        {
            await store.DeleteAsync(MediaKeys.Incoming(hash), ct);
        }
    }

    private async Task PostponeAsync(string hash, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + TimeSpan.FromSeconds(options.Value.S3.RetryAfterSeconds);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        await db.Blobs.Where(b => b.Hash == hash && b.Status == MediaImageStatus.Processing)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.ClaimedUntil, until).SetProperty(b => b.Attempts, b => b.Attempts - 1), ct);
    }

    private async Task RecordAsync(string hash, RenderedImage? rendered, string? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        var blob = await db.Blobs.SingleOrDefaultAsync(b => b.Hash == hash, ct);
        if (blob is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (rendered is not null)
        {
            blob.Processed(rendered.Width, rendered.Height, now);
        }
        else
        {
            blob.ProcessingFailed(error!, options.Value.MaxProcessingAttempts);
        }

        if (blob.Status != MediaImageStatus.Processing)
        {
            // Ready or finally failed: every page that shows it changes.
            var owners = await db.Images.Where(i => i.BlobHash == hash).Select(i => new { i.OwnerKind, i.OwnerId }).Distinct().ToListAsync(ct);
            foreach (var owner in owners)
            {
                await db.OwnerChangedAsync(owner.OwnerKind, owner.OwnerId, now, ct);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Media processing pass failed; retrying")]
    private static partial void LogPassFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The media store did not answer while processing blob {Hash}; trying again later")]
    private static partial void LogStoreUnavailable(ILogger logger, string hash, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rendering the variants of blob {Hash} failed")]
    private static partial void LogRenderFailed(ILogger logger, string hash, Exception ex);
}
