using System.ComponentModel;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;

namespace Marketplace.Catalog.Caching;

/// <summary>A product as cached, without its shop (cached on its own, so a shop change needs no product evictions).</summary>
[ImmutableObject(true)] // HybridCache hands out the same instance instead of a copy: nothing mutates it.
internal sealed record CachedProduct(ProductResponse Response, ProductStatus Status, long Version, long MediaRevision);

/// <summary>What a product page needs of its shop.</summary>
[ImmutableObject(true)]
internal sealed record CachedShop(ShopRef Ref, Guid OwnerId, ShopStatus Status, long Version);

/// <summary>A product's cover photo (card size) as carts, checkouts and other short lists show it; null when it has none ready.</summary>
[ImmutableObject(true)]
internal sealed record CachedCover(string? Card);

[ImmutableObject(true)]
internal sealed record CachedShopPage(ShopResponse Response, Guid OwnerId, string ETag);

/// <summary>
/// Cache keys and invalidation for the Catalog's hot pages. Every write path that changes what a page shows calls
/// one of the invalidation methods after its commit; the shared <see cref="ReadThroughCache"/> evicts the entry on
/// every instance.
/// </summary>
internal sealed class CatalogCache(ReadThroughCache cache)
{
    public ReadThroughCache Cache => cache;

    public static string ProductKey(Guid productId) => $"catalog:product:{productId}";

    public static string ShopKey(Guid shopId) => $"catalog:shop:{shopId}";

    public static string ShopPageKey(string slug) => $"catalog:shop-page:{slug}";

    public static string CoverKey(Guid productId) => $"catalog:cover:{productId}";

    public Task ProductChangedAsync(Guid productId, CancellationToken ct) => cache.InvalidateAsync([ProductKey(productId)], ct);

    /// <summary>The product's photos changed: its page and its cover go.</summary>
    public Task ProductImagesChangedAsync(Guid productId, CancellationToken ct) =>
        cache.InvalidateAsync([ProductKey(productId), CoverKey(productId)], ct);

    public Task ProductsChangedAsync(IEnumerable<Guid> productIds, CancellationToken ct) =>
        cache.InvalidateAsync(productIds.Select(ProductKey).ToList(), ct);

    /// <param name="previousSlug">The slug before this change, when it changed: its page goes too.</param>
    public Task ShopChangedAsync(Guid shopId, string slug, string? previousSlug, CancellationToken ct) =>
        cache.InvalidateAsync(previousSlug is null || previousSlug == slug
            ? [ShopKey(shopId), ShopPageKey(slug)]
            : [ShopKey(shopId), ShopPageKey(slug), ShopPageKey(previousSlug)], ct);
}

/// <summary>Thrown inside a cache factory so that "not found" is not cached (HybridCache does not cache exceptions).</summary>
internal sealed class NotCachedBecauseMissingException : Exception
{
    public NotCachedBecauseMissingException()
        : base("Not found.")
    {
    }

    public NotCachedBecauseMissingException(string message)
        : base(message)
    {
    }

    public NotCachedBecauseMissingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
