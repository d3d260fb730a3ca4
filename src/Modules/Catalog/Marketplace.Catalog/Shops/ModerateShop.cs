using AutoMapper;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Mapping;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Shops;

internal sealed record SuspendShopRequest(string? Reason);

internal sealed class SuspendShopRequestValidator : AbstractValidator<SuspendShopRequest>
{
    public SuspendShopRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(500);
}

/// <summary>Admin moderation: verify a storefront, suspend it (its products disappear from the shop window), reinstate it.</summary>
internal static class ModerateShop
{
    public static Task<Results<Ok<ShopResponse>, ProblemHttpResult>> Verify(
        Guid id, CatalogDbContext db, TaxonomySnapshot taxonomy, IMapper mapper, CatalogCache cache, TimeProvider clock, CancellationToken ct) =>
        ApplyAsync(id, db, taxonomy, mapper, cache, clock, (shop, now) => shop.Verify(now), ct);

    public static Task<Results<Ok<ShopResponse>, ProblemHttpResult>> Suspend(
        Guid id, SuspendShopRequest request, CatalogDbContext db, TaxonomySnapshot taxonomy, IMapper mapper, CatalogCache cache, TimeProvider clock, CancellationToken ct) =>
        ApplyAsync(id, db, taxonomy, mapper, cache, clock, (shop, now) => shop.Suspend(request.Reason!.Trim(), now), ct);

    public static Task<Results<Ok<ShopResponse>, ProblemHttpResult>> Reinstate(
        Guid id, CatalogDbContext db, TaxonomySnapshot taxonomy, IMapper mapper, CatalogCache cache, TimeProvider clock, CancellationToken ct) =>
        ApplyAsync(id, db, taxonomy, mapper, cache, clock, (shop, now) => shop.Reinstate(now), ct);

    private static async Task<Results<Ok<ShopResponse>, ProblemHttpResult>> ApplyAsync(
        Guid id, CatalogDbContext db, TaxonomySnapshot taxonomy, IMapper mapper, CatalogCache cache, TimeProvider clock, Action<Shop, DateTimeOffset> change, CancellationToken ct)
    {
        var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (shop is null)
        {
            return ShopAccess.NotFound.ToProblem();
        }

        var now = clock.GetUtcNow();
        change(shop, now);
        db.AddIntegrationEvent(() => shop.ChangedEvent(now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("catalog.shop.concurrent_update", "The shop was changed by another request; try again.").ToProblem();
        }

        await cache.ShopChangedAsync(shop.Id, shop.Slug, null, ct);

        var names = await CatalogNames.LoadAsync(taxonomy, ct);
        return TypedResults.Ok(names.Map<ShopResponse>(mapper, shop));
    }
}
