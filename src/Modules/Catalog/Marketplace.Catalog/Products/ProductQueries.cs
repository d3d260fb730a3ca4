using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Mapping;
using Marketplace.Catalog.Media;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Products;

internal static class ProductQueries
{
    /// <summary>A product page. The ETag covers the product and its shop (the page shows the shop's name).</summary>
    public static async Task<Results<Ok<ProductResponse>, StatusCodeHttpResult, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, HttpContext http, CatalogDbContext db, TaxonomySnapshot taxonomy, CatalogCache cache, CatalogImages images, CancellationToken ct)
    {
        CachedProduct product;
        CachedShop shop;
        CachedShop? shopReadWithProduct = null;
        try
        {
            product = await cache.Cache.GetOrCreateAsync(CatalogCache.ProductKey(id), [], async token =>
            {
                var row = await ReadProductWithShop(db, id, token) ?? throw new NotCachedBecauseMissingException();
                shopReadWithProduct = row.Shop;
                var names = await CatalogNames.LoadAsync(taxonomy, token);
                var (response, mediaRevision) = await images.WithImagesAsync(ProductResponse.Of(row.Product, row.Shop.Ref, names), row.Product, token);
                return new CachedProduct(response, row.Product.Status, row.Product.Version, mediaRevision);
            }, ct);
            // A product read from the store came with its shop (same query): no second read for it. This request ran
            // the factory only on a miss, so a cached product still takes its shop from the shop's own cache entry.
            shop = shopReadWithProduct ?? await LoadShopAsync(product.Response.ShopId, db, cache, ct);
        }
        catch (NotCachedBecauseMissingException)
        {
            return ProductAccess.NotFound.ToProblem();
        }

        if (!ProductAccess.IsVisibleTo(product.Status, shop.Status, shop.OwnerId, user))
        {
            return ProductAccess.NotFound.ToProblem();
        }

        // The tag covers the product, its shop (the page shows the shop's name) and its images.
        if (ConditionalGet.IsNotModified(http, ConditionalGet.Tag("p", product.Version, shop.Version, product.MediaRevision)))
        {
            return ConditionalGet.NotModified();
        }

        return TypedResults.Ok(product.Response with { Shop = shop.Ref });
    }

    private sealed record ProductWithShop(Product Product, CachedShop Shop);

    /// <summary>The product and only what its page needs of its shop, in one statement compiled once per model.</summary>
    private static readonly CompiledPerModel<Func<CatalogDbContext, Guid, CancellationToken, Task<ProductWithShop?>>> ProductWithShopById = new(() =>
        EF.CompileAsyncQuery((CatalogDbContext db, Guid id, CancellationToken _) => db.Products.AsNoTracking()
            .Where(p => p.Id == id)
            .Join(db.Shops, p => p.ShopId, s => s.Id, (p, s) =>
                new ProductWithShop(p, new CachedShop(new ShopRef(s.Id, s.Slug, s.Name, s.Verified), s.OwnerId, s.Status, s.Version)))
            .SingleOrDefault()));

    private static Task<ProductWithShop?> ReadProductWithShop(CatalogDbContext db, Guid id, CancellationToken ct) =>
        ProductWithShopById.For(db)(db, id, ct);

    private static Task<CachedShop?> ReadShop(CatalogDbContext db, Guid id, CancellationToken ct) =>
        db.Shops
            .Where(s => s.Id == id)
            .Select(s => new CachedShop(new ShopRef(s.Id, s.Slug, s.Name, s.Verified), s.OwnerId, s.Status, s.Version))
            .SingleOrDefaultAsync(ct);

    private static ValueTask<CachedShop> LoadShopAsync(Guid shopId, CatalogDbContext db, CatalogCache cache, CancellationToken ct) =>
        cache.Cache.GetOrCreateAsync(CatalogCache.ShopKey(shopId), [], async token =>
            await ReadShop(db, shopId, token) ?? throw new NotCachedBecauseMissingException(), ct);

    /// <param name="status">Owners only: draft or published. Shoppers always get published products.</param>
    public static async Task<Results<Ok<PagedResult<ProductResponse>>, ProblemHttpResult>> ListForShop(
        string slug, string? status, int? page, int? pageSize, ClaimsPrincipal user,
        CatalogDbContext db, TaxonomySnapshot taxonomy, CatalogImages images, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        ProductStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ProductStatus>(status, ignoreCase: true, out var parsed) || parsed == ProductStatus.Deleted || int.TryParse(status, out _))
            {
                return Error.Validation("status", "catalog.product.unknown_status", "status must be draft or published.").ToProblem();
            }

            wanted = parsed;
        }

        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == slug, ct);
        var isOwner = shop is not null && (shop.OwnerId == user.UserId() || user.IsAdmin());
        if (shop is null || (shop.Status == ShopStatus.Suspended && !isOwner))
        {
            return ShopAccess.NotFound.ToProblem();
        }

        if (wanted == ProductStatus.Draft && !isOwner)
        {
            return Error.Validation("status", "catalog.product.status_not_listable", "Only the shop's owner may list drafts.").ToProblem();
        }

        var query = db.Products.AsNoTracking().Where(p => p.ShopId == shop.Id);
        query = isOwner
            ? query.Where(p => wanted == null ? p.Status != ProductStatus.Deleted : p.Status == wanted)
            : query.Where(p => p.Status == ProductStatus.Published);

        var total = await query.CountAsync(ct);
        var products = await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        var names = await CatalogNames.LoadAsync(taxonomy, ct);
        var shopRef = ShopRef.Of(shop);
        var items = await images.WithImagesAsync(products, p => ProductResponse.Of(p, shopRef, names), ct);
        return TypedResults.Ok(new PagedResult<ProductResponse>(items, paging.Value.Page, paging.Value.PageSize, total));
    }
}
