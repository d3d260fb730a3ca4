using System.Security.Claims;
using AutoMapper;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Http;
using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Mapping;
using Marketplace.Catalog.Media;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Shops;

internal static class ShopQueries
{
    /// <summary>A shop page. Suspended shops are hidden from everyone but their owner and admins.</summary>
    public static async Task<Results<Ok<ShopResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetBySlug(
        string slug, ClaimsPrincipal user, HttpContext http, CatalogDbContext db, TaxonomySnapshot taxonomy, IMapper mapper, CatalogCache cache, CatalogImages images, CancellationToken ct)
    {
        if (slug.Length > BuildingBlocks.Text.Slug.MaxLength)
        {
            return ShopAccess.NotFound.ToProblem();
        }

        CachedShopPage page;
        try
        {
            page = await cache.Cache.GetOrCreateAsync(CatalogCache.ShopPageKey(slug), [], async token =>
            {
                var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == slug, token)
                    ?? throw new NotCachedBecauseMissingException();
                var names = await CatalogNames.LoadAsync(taxonomy, token);
                var (response, mediaRevision) = await images.WithImagesAsync(names.Map<ShopResponse>(mapper, shop), shop, token);
                return new CachedShopPage(response, shop.OwnerId, ConditionalGet.Tag("s", shop.Id.ToString("N"), shop.Version, mediaRevision));
            }, ct);
        }
        catch (NotCachedBecauseMissingException)
        {
            return ShopAccess.NotFound.ToProblem();
        }

        if (page.Response.Status == ShopStatus.Suspended && page.OwnerId != user.UserId() && !user.IsAdmin())
        {
            return ShopAccess.NotFound.ToProblem();
        }

        return ConditionalGet.IsNotModified(http, page.ETag) ? ConditionalGet.NotModified() : TypedResults.Ok(page.Response);
    }

    /// <param name="city">City/regency code, e.g. 35.73.</param>
    /// <param name="subsector">Sub-sector code, e.g. kuliner.</param>
    /// <param name="q">Part of the shop's name.</param>
    public static async Task<Results<Ok<PagedResult<ShopResponse>>, ProblemHttpResult>> List(
        string? city, string? subsector, string? q, int? page, int? pageSize,
        CatalogDbContext db, TaxonomySnapshot taxonomy, IMapper mapper, CatalogImages images, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        if (q is { Length: > 100 })
        {
            return Error.Validation("q", "catalog.query_too_long", "q must be at most 100 characters.").ToProblem();
        }

        var query = db.Shops.AsNoTracking().Where(s => s.Status == ShopStatus.Active);
        if (!string.IsNullOrEmpty(city))
        {
            query = query.Where(s => s.CityCode == city);
        }

        if (!string.IsNullOrEmpty(subsector))
        {
            query = query.Where(s => s.Subsectors.Contains(subsector));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var needle = q.Trim().ToLowerInvariant();
            query = query.Where(s => s.SearchName.Contains(needle));
        }

        var total = await query.CountAsync(ct);
        var shops = await query.OrderByDescending(s => s.Verified).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        var names = await CatalogNames.LoadAsync(taxonomy, ct);
        var items = await images.WithImagesAsync(shops, s => names.Map<ShopResponse>(mapper, s), ct);
        return TypedResults.Ok(new PagedResult<ShopResponse>(items, paging.Value.Page, paging.Value.PageSize, total));
    }

    /// <summary>The signed-in merchant's own shops, including suspended ones.</summary>
    public static async Task<Ok<IReadOnlyList<ShopResponse>>> Mine(
        ClaimsPrincipal user, CatalogDbContext db, TaxonomySnapshot taxonomy, IMapper mapper, CatalogImages images, CancellationToken ct)
    {
        var ownerId = user.UserId();
        var shops = await db.Shops.AsNoTracking().Where(s => s.OwnerId == ownerId).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var names = await CatalogNames.LoadAsync(taxonomy, ct);
        return TypedResults.Ok<IReadOnlyList<ShopResponse>>(await images.WithImagesAsync(shops, s => names.Map<ShopResponse>(mapper, s), ct));
    }
}
