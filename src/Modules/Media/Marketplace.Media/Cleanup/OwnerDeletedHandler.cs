using Marketplace.Catalog.Contracts;
using Marketplace.Media.Contracts;
using Marketplace.Media.Images;
using Marketplace.Media.Persistence;
using Marketplace.SharedKernel.Events;
using Marketplace.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Media.Cleanup;

/// <summary>A deleted product takes its photos with it: the images go now, their blobs after the grace period.</summary>
internal sealed class OwnerDeletedHandler(MediaDbContext db, TimeProvider clock) : IIntegrationEventHandler<ProductDeleted>
{
    public async Task HandleAsync(ProductDeleted e, CancellationToken ct)
    {
        if (!await db.TryStartProcessingAsync(e.EventId, "media.product_deleted", clock, ct))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var images = await db.Images.Where(i => i.OwnerKind == MediaOwnerKind.Product && i.OwnerId == e.ProductId).ToListAsync(ct);
        if (images.Count > 0)
        {
            db.Images.RemoveRange(images);
            await db.ReleaseBlobsAsync(images, null, now, ct);
            await db.OwnerChangedAsync(MediaOwnerKind.Product, e.ProductId, now, ct);
        }

        await db.SaveChangesAsync(ct);
    }
}
