using Marketplace.Catalog.Persistence;
using Marketplace.Media.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Catalog.Media;

/// <summary>
/// Gives the products and shops that existed before the Catalog kept its own copy of their images (<see cref="MediaCopy"/>)
/// their copy, once, in the background after each start (after the migrations): 500 rows at a time, one gallery query
/// per batch and one transaction per batch of guarded updates. Until a row is reached its pages read Media as before, so
/// nothing shows wrong meanwhile. Safe beside live events and on several instances at once: a copy is written only over
/// none or an older revision, and after the first complete pass there is nothing left to do.
/// </summary>
internal sealed partial class MediaCopyBackfill(IServiceScopeFactory scopes, ILogger<MediaCopyBackfill> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // not on the host's start path
        try
        {
            var (products, shops) = await RunAsync(stoppingToken);
            if (products + shops > 0)
            {
                LogCopied(logger, products, shops);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Pages of rows without a copy keep reading Media; the next start tries again.
            LogFailed(logger, ex);
        }
    }

    /// <returns>How many products and shops got a copy.</returns>
    public async Task<(int Products, int Shops)> RunAsync(CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (scope.ServiceProvider.GetRequiredService<IMediaGallery>().UrlsExpire)
            {
                return (0, 0); // pre-signed URLs are not kept: pages read Media
            }
        }

        var products = await CopyAllAsync(
            db => db.Products.Where(p => p.MediaRevision == null).Select(p => p.Id).Take(Batch).ToListAsync(ct),
            MediaOwnerKind.Product, ct);
        var shops = await CopyAllAsync(
            db => db.Shops.Where(s => s.MediaRevision == null).Select(s => s.Id).Take(Batch).ToListAsync(ct),
            MediaOwnerKind.Shop, ct);
        return (products, shops);
    }

    private async Task<int> CopyAllAsync(
        Func<CatalogDbContext, Task<List<Guid>>> uncopied,
        MediaOwnerKind kind,
        CancellationToken ct)
    {
        var copied = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            // Every row taken gets a copy (none is older than any revision), so each batch takes the next rows.
            var ids = await uncopied(db);
            if (ids.Count == 0)
            {
                return copied;
            }

            var sets = await scope.ServiceProvider.GetRequiredService<IMediaGallery>().GetAsync(kind, ids, ct);
            var written = 0;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var id in ids)
                {
                    written += await MediaChangedHandler.WriteAsync(db, kind, id, sets[id], ct);
                }

                await transaction.CommitAsync(ct);
            }

            copied += written;
            if (written == 0)
            {
                return copied; // only rows another instance copied meanwhile: nothing more to do here
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied Media's images onto {Products} products and {Shops} shops that had no copy yet")]
    private static partial void LogCopied(ILogger logger, int products, int shops);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not copy Media's images onto the products and shops without a copy; their pages read Media until the next start")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
