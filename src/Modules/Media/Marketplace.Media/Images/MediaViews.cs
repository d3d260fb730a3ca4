using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Media.Contracts;
using Marketplace.Media.Persistence;
using Marketplace.Media.Processing;
using Marketplace.Media.Storage;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Media.Images;

/// <summary>Builds the URLs of an image's variants: on this API (content-negotiated) or straight from the bucket.</summary>
internal sealed class MediaUrls(IMediaStore store)
{
    public bool Expire => store.DirectUrlsExpire;

    public string Of(string hash, string variant) =>
        store.DirectUrl(MediaKeys.Variant(hash, variant, "jpg")) ?? $"/media/{hash}/{variant}";

    public MediaImageView View(MediaImage image, MediaBlob blob)
    {
        var ready = blob.Status == MediaImageStatus.Ready;
        return new MediaImageView(
            image.Id,
            image.Slot,
            blob.Status,
            ready ? Of(blob.Hash, "thumbnail") : null,
            ready ? Of(blob.Hash, "card") : null,
            ready ? Of(blob.Hash, "full") : null,
            blob.Width,
            blob.Height,
            image.Alt,
            image.AltEn,
            image.IsCover,
            image.Position);
    }
}

/// <summary>What other modules read: the images of the products, shops, booths and exhibitions they show.</summary>
internal sealed class MediaGallery(MediaDbContext db, MediaUrls urls) : IMediaGallery
{
    public bool UrlsExpire => urls.Expire;

    public async Task<IReadOnlyDictionary<Guid, MediaSet>> GetAsync(MediaOwnerKind kind, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct)
    {
        var result = ownerIds.Distinct().ToDictionary(id => id, _ => MediaSet.Empty);
        if (result.Count == 0)
        {
            return result;
        }

        // One statement (a product page reads this on every uncached view): each owner's revision with its images. Every
        // image has its owner's row, written with it (OwnerChangedAsync, the demo seeder), so the images hang off the owners.
        List<GalleryRow> rows;
        if (result.Count == 1)
        {
            // A product or shop page: compiled once per model. Translating the LINQ tree on every call (parameter
            // extraction, query-cache lookup) was ~15 % of an uncached product read's CPU.
            rows = [];
            await foreach (var row in OneOwner.For(db)(db, kind, result.Keys.First()).WithCancellation(ct))
            {
                rows.Add(row);
            }
        }
        else
        {
            var ids = result.Keys.ToList();
            rows = await (
                    from o in db.Owners.AsNoTracking()
                    where o.Kind == kind && ids.Contains(o.OwnerId)
                    from i in db.Images.AsNoTracking().Where(i => i.OwnerKind == o.Kind && i.OwnerId == o.OwnerId).DefaultIfEmpty()
                    select new GalleryRow(o.OwnerId, o.Revision, i, i == null ? null : i.Blob))
                .ToListAsync(ct);
        }

        foreach (var owner in rows.GroupBy(r => r.OwnerId))
        {
            var views = owner.Where(r => r.Image is not null && r.Blob is not null)
                .OrderBy(r => r.Image!.Slot).ThenBy(r => r.Image!.Position)
                .Select(r => urls.View(r.Image!, r.Blob!)).ToList();
            result[owner.Key] = new MediaSet(views, owner.First().Revision);
        }

        return result;
    }

    private sealed record GalleryRow(Guid OwnerId, long Revision, MediaImage? Image, MediaBlob? Blob);

    private static readonly CompiledPerModel<Func<MediaDbContext, MediaOwnerKind, Guid, IAsyncEnumerable<GalleryRow>>> OneOwner = new(() =>
        EF.CompileAsyncQuery((MediaDbContext db, MediaOwnerKind kind, Guid ownerId) =>
            from o in db.Owners.AsNoTracking()
            where o.Kind == kind && o.OwnerId == ownerId
            from i in db.Images.AsNoTracking().Where(i => i.OwnerKind == o.Kind && i.OwnerId == o.OwnerId).DefaultIfEmpty()
            select new GalleryRow(o.OwnerId, o.Revision, i, i == null ? null : i.Blob)));

    public async Task<IReadOnlyDictionary<Guid, MediaImageView>> ReadyCoversAsync(
        MediaOwnerKind kind, IReadOnlyCollection<Guid> ownerIds, MediaSlot slot, CancellationToken ct)
    {
        if (ownerIds.Count == 0)
        {
            return new Dictionary<Guid, MediaImageView>();
        }

        // One query over the slot's ready images only (GetAsync also reads every slot and the owners' revisions).
        var ids = ownerIds.Distinct().ToList();
        var images = await db.Images.AsNoTracking().Include(i => i.Blob)
            .Where(i => i.OwnerKind == kind && ids.Contains(i.OwnerId) && i.Slot == slot && i.Blob.Status == MediaImageStatus.Ready)
            .ToListAsync(ct);
        var covers = new Dictionary<Guid, MediaImageView>();
        foreach (var group in images.GroupBy(i => i.OwnerId))
        {
            // The same choice as MediaSet.ReadyCover, so a cart and a product page never disagree on the cover.
            if (new MediaSet(group.Select(i => urls.View(i, i.Blob)).ToList(), 0).ReadyCover(slot) is { } cover)
            {
                covers[group.Key] = cover;
            }
        }

        return covers;
    }
}

/// <summary>Reads an owner's images in one slot, in display order.</summary>
internal static class MediaQueries
{
    public static Task<List<MediaImage>> InSlotAsync(this MediaDbContext db, MediaOwnerKind kind, Guid ownerId, MediaSlot slot, CancellationToken ct) =>
        db.Images.Include(i => i.Blob)
            .Where(i => i.OwnerKind == kind && i.OwnerId == ownerId && i.Slot == slot)
            .OrderBy(i => i.Position).ThenBy(i => i.CreatedAt)
            .ToListAsync(ct);

    /// <summary>
    /// Bumps the owner's revision (creating its row on first use) and queues <see cref="MediaChanged"/>; both commit with
    /// the caller's change. The revision is a concurrency token: a racing change fails its save and is retried.
    /// </summary>
    public static async Task<long> OwnerChangedAsync(this MediaDbContext db, MediaOwnerKind kind, Guid ownerId, DateTimeOffset now, CancellationToken ct)
    {
        var owner = await db.Owners.SingleOrDefaultAsync(o => o.Kind == kind && o.OwnerId == ownerId, ct);
        if (owner is null)
        {
            owner = MediaOwner.Create(kind, ownerId);
            db.Owners.Add(owner);
        }

        var revision = owner.Bump();
        Marketplace.BuildingBlocks.Outbox.OutboxModelBuilderExtensions.AddIntegrationEvent(db, new MediaChanged(kind, ownerId, revision) { OccurredAt = now });
        return revision;
    }

    /// <summary>Marks the blobs that no image shows any more, so the sweeper deletes them after the grace period.</summary>
    public static async Task ReleaseBlobsAsync(this MediaDbContext db, IEnumerable<MediaImage> removed, string? keptHash, DateTimeOffset now, CancellationToken ct)
    {
        var removedIds = removed.Select(i => i.Id).ToList();
        foreach (var hash in removed.Select(i => i.BlobHash).Distinct().Where(h => h != keptHash))
        {
            if (!await db.Images.AnyAsync(i => i.BlobHash == hash && !removedIds.Contains(i.Id), ct))
            {
                var blob = await db.Blobs.SingleAsync(b => b.Hash == hash, ct);
                blob.Unreferenced(now);
            }
        }
    }

    /// <summary>Positions 0..n-1 in the current order; the cover stays, or the first photo becomes it.</summary>
    public static void Renumber(IReadOnlyList<MediaImage> images, MediaSlot slot)
    {
        for (var i = 0; i < images.Count; i++)
        {
            images[i].Position = i;
        }

        if (HasCover(slot) && images.Count > 0 && !images.Any(i => i.IsCover))
        {
            images[0].IsCover = true;
        }
    }

    public static bool HasCover(MediaSlot slot) => slot is MediaSlot.Photo or MediaSlot.Gallery;
}
