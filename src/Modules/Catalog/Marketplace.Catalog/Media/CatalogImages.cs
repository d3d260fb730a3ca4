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
/// its responses through <see cref="IMediaGallery"/> (one query per page, batched for lists). The uploader-provided
/// <c>imageUrls</c> stay as they were, so existing clients keep working; <c>images</c> comes beside them.
/// </summary>
internal sealed class CatalogImages(IMediaGallery gallery)
{
    public async Task<(ProductResponse Response, long Revision)> WithImagesAsync(ProductResponse product, CancellationToken ct)
    {
        var set = (await gallery.GetAsync(MediaOwnerKind.Product, [product.Id], ct))[product.Id];
        return (product with { Images = set.InSlot(MediaSlot.Photo) }, set.Revision);
    }

    public async Task<List<ProductResponse>> WithImagesAsync(IReadOnlyList<ProductResponse> products, CancellationToken ct)
    {
        var sets = await gallery.GetAsync(MediaOwnerKind.Product, products.Select(p => p.Id).ToList(), ct);
        return products.Select(p => p with { Images = sets[p.Id].InSlot(MediaSlot.Photo) }).ToList();
    }

    public async Task<(ShopResponse Response, long Revision)> WithImagesAsync(ShopResponse shop, CancellationToken ct)
    {
        var set = (await gallery.GetAsync(MediaOwnerKind.Shop, [shop.Id], ct))[shop.Id];
        return (Dress(shop, set), set.Revision);
    }

    public async Task<List<ShopResponse>> WithImagesAsync(IReadOnlyList<ShopResponse> shops, CancellationToken ct)
    {
        var sets = await gallery.GetAsync(MediaOwnerKind.Shop, shops.Select(s => s.Id).ToList(), ct);
        return shops.Select(s => Dress(s, sets[s.Id])).ToList();
    }

    /// <summary>
    /// The card-size URL of each product's cover photo once its variants exist — what carts, orders, wishlists, booths
    /// and search results show — or null for a product without a ready photo (callers fall back to its first
    /// <c>imageUrls</c> entry).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string?>> CoverCardsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        var covers = await gallery.ReadyCoversAsync(MediaOwnerKind.Product, productIds, MediaSlot.Photo, ct);
        return covers.ToDictionary(c => c.Key, c => c.Value.Card);
    }

    private static ShopResponse Dress(ShopResponse shop, MediaSet set) =>
        shop with { Logo = set.Single(MediaSlot.Logo), Banner = set.Single(MediaSlot.Banner) };
}

/// <summary>A product's or shop's images changed: its cached page goes (on every instance), so the next read shows them.</summary>
internal sealed class MediaChangedHandler(CatalogCache cache, CatalogDbContext db) : IIntegrationEventHandler<MediaChanged>
{
    public async Task HandleAsync(MediaChanged e, CancellationToken ct)
    {
        switch (e.OwnerKind)
        {
            case MediaOwnerKind.Product:
                await cache.ProductChangedAsync(e.OwnerId, ct);
                break;
            case MediaOwnerKind.Shop:
                var slug = await db.Shops.AsNoTracking().Where(s => s.Id == e.OwnerId).Select(s => s.Slug).SingleOrDefaultAsync(ct);
                if (slug is not null)
                {
                    await cache.ShopChangedAsync(e.OwnerId, slug, null, ct);
                }

                break;
        }
    }
}
