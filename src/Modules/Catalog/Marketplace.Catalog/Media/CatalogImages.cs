using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Media.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Media;

/// <summary>
/// The photos of products and the logos and banners of shops are the Media module's; the Catalog composes them into
/// its responses from its own copy (<see cref="MediaCopy"/>, kept by <see cref="MediaChangedHandler"/>), read with the
/// product's or shop's row, and asks <see cref="IMediaGallery"/> only for rows without a copy yet (one query per page,
/// batched for lists). The uploader-provided <c>imageUrls</c> stay as they were, so existing clients keep working;
/// <c>images</c> comes beside them.
/// </summary>
internal sealed class CatalogImages(IMediaGallery gallery, CatalogCache cache)
{
    /// <summary>A product page: its photos and the Media revision they are of (part of the page's ETag).</summary>
    public async ValueTask<(ProductResponse Response, long Revision)> WithImagesAsync(ProductResponse product, Product row, CancellationToken ct)
    {
        if (row.MediaRevision is { } revision && !gallery.UrlsExpire)
        {
            // The page's every uncached read: no second statement, no dictionary.
            return (product with { Images = row.MediaImages ?? [] }, revision);
        }

        var set = (await gallery.GetAsync(MediaOwnerKind.Product, [product.Id], ct))[product.Id];
        return (product with { Images = MediaCopy.ProductImages(set) }, set.Revision);
    }

    public async Task<List<ProductResponse>> WithImagesAsync(IReadOnlyList<Product> products, Func<Product, ProductResponse> respond, CancellationToken ct)
    {
        var sets = await SetsAsync(MediaOwnerKind.Product, products.Select(p => (p.Id, p.MediaImages, p.MediaRevision)).ToList(), ct);
        return products.Select(p => respond(p) with { Images = MediaCopy.ProductImages(sets[p.Id]) }).ToList();
    }

    public async ValueTask<(ShopResponse Response, long Revision)> WithImagesAsync(ShopResponse shop, Shop row, CancellationToken ct)
    {
        var set = (await SetsAsync(MediaOwnerKind.Shop, [(row.Id, row.MediaImages, row.MediaRevision)], ct))[row.Id];
        return (Dress(shop, set), set.Revision);
    }

    public async Task<List<ShopResponse>> WithImagesAsync(IReadOnlyList<Shop> shops, Func<Shop, ShopResponse> respond, CancellationToken ct)
    {
        var sets = await SetsAsync(MediaOwnerKind.Shop, shops.Select(s => (s.Id, s.MediaImages, s.MediaRevision)).ToList(), ct);
        return shops.Select(s => Dress(respond(s), sets[s.Id])).ToList();
    }

    /// <summary>Each owner's images from the Catalog's copy, or from Media (one query for all) for the rows without one.</summary>
    private async Task<Dictionary<Guid, MediaSet>> SetsAsync(
        MediaOwnerKind kind, IReadOnlyList<(Guid Id, IReadOnlyList<MediaImageView>? Images, long? Revision)> owners, CancellationToken ct)
    {
        var sets = new Dictionary<Guid, MediaSet>(owners.Count);
        List<Guid>? uncopied = null;
        foreach (var (id, images, revision) in owners)
        {
            if (revision is { } copied && !gallery.UrlsExpire)
            {
                sets[id] = new MediaSet(images ?? [], copied);
            }
            else
            {
                (uncopied ??= []).Add(id);
            }
        }

        if (uncopied is not null)
        {
            foreach (var (id, set) in await gallery.GetAsync(kind, uncopied, ct))
            {
                sets[id] = set;
            }
        }

        return sets;
    }

    /// <summary>
    /// The card-size URL of each product's cover photo once its variants exist — what carts, orders, wishlists, booths
    /// and search results show — or null for a product without a ready photo (callers fall back to its first
    /// <c>imageUrls</c> entry).
    /// </summary>
    /// <param name="fromStore">Read the Media store, never the cache: for the search index, which re-indexes on the same
    /// <c>MediaChanged</c> event that evicts the cached cover and must not race that eviction.</param>
    public async Task<IReadOnlyDictionary<Guid, string?>> CoverCardsAsync(IReadOnlyCollection<Guid> productIds, bool fromStore, CancellationToken ct)
    {
        if (fromStore || productIds.Count > FewProducts || !cache.Cache.IsServing)
        {
            var covers = await gallery.ReadyCoversAsync(MediaOwnerKind.Product, productIds, MediaSlot.Photo, ct);
            return covers.ToDictionary(c => c.Key, c => c.Value.Card);
        }

        // A few products (an add to cart, a checkout): each cover from the cache, so these hot paths do not open the
        // Media module's store at all. Only a change of the product's images evicts it (not its stock, which moves on
        // every checkout); lists and re-indexing ask for many at once and read them in one query instead.
        var result = new Dictionary<Guid, string?>(productIds.Count);
        foreach (var id in productIds.Distinct())
        {
            var cover = await cache.Cache.GetOrCreateAsync(CatalogCache.CoverKey(id), [], async token =>
            {
                var covers = await gallery.ReadyCoversAsync(MediaOwnerKind.Product, [id], MediaSlot.Photo, token);
                return new CachedCover(covers.GetValueOrDefault(id)?.Card);
            }, ct);
            result[id] = cover.Card;
        }

        return result;
    }

    private const int FewProducts = 8;

    private static ShopResponse Dress(ShopResponse shop, MediaSet set) =>
        shop with { Logo = set.Single(MediaSlot.Logo), Banner = set.Single(MediaSlot.Banner) };
}

/// <summary>
/// A product's or shop's images changed: the Catalog's copy (<see cref="MediaCopy"/>) takes what Media holds now, read
/// through its contract, then the cached page goes (on every instance), so the next read shows them. Order-proof and
/// idempotent without an inbox: the copy is written only over an older revision (events may arrive late, twice, or
/// race on two instances, and the gallery read answers with the revision it saw), and an event whose revision the copy
/// already has reads nothing.
/// </summary>
internal sealed class MediaChangedHandler(IMediaGallery gallery, CatalogCache cache, CatalogDbContext db) : IIntegrationEventHandler<MediaChanged>
{
    public async Task HandleAsync(MediaChanged e, CancellationToken ct)
    {
        long? copied;
        string? shopSlug = null;
        switch (e.OwnerKind)
        {
            case MediaOwnerKind.Product:
                var product = await db.Products.AsNoTracking().Where(p => p.Id == e.OwnerId).Select(p => new { p.MediaRevision }).SingleOrDefaultAsync(ct);
                if (product is null)
                {
                    return;
                }

                copied = product.MediaRevision;
                break;
            case MediaOwnerKind.Shop:
                var shop = await db.Shops.AsNoTracking().Where(s => s.Id == e.OwnerId).Select(s => new { s.Slug, s.MediaRevision }).SingleOrDefaultAsync(ct);
                if (shop is null)
                {
                    return;
                }

                (copied, shopSlug) = (shop.MediaRevision, shop.Slug);
                break;
            default:
                return;
        }

        if (!(copied >= e.Revision))
        {
            // Pre-signed URLs expire and must not be kept: no copy then, the page reads Media (the backfill copies it once
            // the URLs are stable again).
            var set = gallery.UrlsExpire ? null : (await gallery.GetAsync(e.OwnerKind, [e.OwnerId], ct))[e.OwnerId];
            await WriteAsync(db, e.OwnerKind, e.OwnerId, set, ct);
        }

        // Evicted even when the copy was current: a page cached from Media before the row had a copy may be older.
        await (shopSlug is null ? cache.ProductImagesChangedAsync(e.OwnerId, ct) : cache.ShopChangedAsync(e.OwnerId, shopSlug, null, ct));
    }

    /// <summary>
    /// Writes the copy of a product's or shop's images unless the row already holds this revision or a newer one; a null
    /// <paramref name="set"/> removes the copy (the row's pages read Media).
    /// </summary>
    public static Task<int> WriteAsync(CatalogDbContext db, MediaOwnerKind kind, Guid ownerId, MediaSet? set, CancellationToken ct)
    {
        var images = set is null ? null : kind == MediaOwnerKind.Product ? MediaCopy.ProductImages(set) : MediaCopy.ShopImages(set);
        var revision = set?.Revision;
        return kind == MediaOwnerKind.Product
            ? db.Products.Where(p => p.Id == ownerId && (revision == null || p.MediaRevision == null || p.MediaRevision < revision))
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.MediaImages, images).SetProperty(p => p.MediaRevision, revision), ct)
            : db.Shops.Where(s => s.Id == ownerId && (revision == null || s.MediaRevision == null || s.MediaRevision < revision))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.MediaImages, images).SetProperty(s => s.MediaRevision, revision), ct);
    }
}
