using AutoMapper;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Mapping;
using Marketplace.Catalog.Media;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Shops;

/// <summary>
/// The administrators' view of storefronts: the verification queue (active, not yet verified, oldest first so nobody
/// waits forever), the suspended ones, the verified ones, or all (those by latest change first) — suspended shops included, which the public list hides.
/// </summary>
internal static class ListShopsForModeration
{
    public static readonly string[] States = ["unverified", "suspended", "verified", "all"];

    /// <param name="state">unverified (default), suspended, verified or all.</param>
    public static async Task<Results<Ok<PagedResult<ShopResponse>>, ProblemHttpResult>> Handle(
        string? state, int? page, int? pageSize, CatalogDbContext db, TaxonomySnapshot taxonomy, IMapper mapper, CatalogImages images, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        state ??= "unverified";
        if (!States.Contains(state))
        {
            return Error.Validation("state", "catalog.shop.unknown_state", "state is unverified, suspended, verified or all.").ToProblem();
        }

        var query = db.Shops.AsNoTracking();
        query = state switch
        {
            "unverified" => query.Where(s => s.Status == ShopStatus.Active && !s.Verified),
            "suspended" => query.Where(s => s.Status == ShopStatus.Suspended),
            "verified" => query.Where(s => s.Verified),
            _ => query,
        };

        var total = await query.CountAsync(ct);
        // The queue is oldest first (nobody waits forever); the other lists newest first (what just changed is on top).
        var ordered = state == "unverified" ? query.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id) : query.OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.Id);
        var shops = await ordered.Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        var names = await CatalogNames.LoadAsync(taxonomy, ct);
        var items = await images.WithImagesAsync(shops, s => names.Map<ShopResponse>(mapper, s), ct);
        return TypedResults.Ok(new PagedResult<ShopResponse>(items, paging.Value.Page, paging.Value.PageSize, total));
    }
}
