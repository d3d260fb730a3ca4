using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Mapping;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Products;

internal sealed record SetStockRequest(int? Quantity);

internal sealed class SetStockRequestValidator : AbstractValidator<SetStockRequest>
{
    public SetStockRequestValidator() => RuleFor(r => r.Quantity).NotNull().InclusiveBetween(0, Product.MaxStock);
}

/// <summary>Publishing, unpublishing, deleting and restocking: each change commits with its integration event.</summary>
internal static class ProductLifecycle
{
    public static readonly Error ConcurrentUpdate =
        Error.Conflict("catalog.product.concurrent_update", "The product was changed by another request; reload and try again.");

    public static Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Publish(
        Guid id, ClaimsPrincipal user, CatalogDbContext db, TaxonomySnapshot taxonomy, CatalogCache cache, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, user, db, taxonomy, cache, clock, (product, shop, now) =>
        {
            if (shop.Status == ShopStatus.Suspended)
            {
                return Error.Conflict("catalog.shop.suspended", "A suspended shop cannot publish products.");
            }

            if (product.Status == ProductStatus.Published)
            {
                return null; // Already published: idempotent, no new event.
            }

            product.Publish(now);
            return () => new ProductPublished(product.Id, product.ShopId, product.Version) { OccurredAt = now };
        }, ct);

    public static Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Unpublish(
        Guid id, ClaimsPrincipal user, CatalogDbContext db, TaxonomySnapshot taxonomy, CatalogCache cache, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, user, db, taxonomy, cache, clock, (product, _, now) =>
        {
            if (product.Status != ProductStatus.Published)
            {
                return null;
            }

            product.Unpublish();
            return () => new ProductUnpublished(product.Id, product.ShopId, product.Version) { OccurredAt = now };
        }, ct);

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, ClaimsPrincipal user, CatalogDbContext db, CatalogCache cache, TimeProvider clock, CancellationToken ct)
    {
        var found = await ProductAccess.FindOwnedAsync(db, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var (product, _) = found.Value;
        var now = clock.GetUtcNow();

        // Kept as a tombstone: orders and carts still refer to it by id.
        product.Delete(now);
        db.AddIntegrationEvent(() => new ProductDeleted(product.Id, product.ShopId, product.Version) { OccurredAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ConcurrentUpdate.ToProblem();
        }

        await cache.ProductChangedAsync(product.Id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Sets the units available. Checkouts reserve atomically against this number.</summary>
    public static Task<Results<Ok<ProductResponse>, ProblemHttpResult>> SetStock(
        Guid id, SetStockRequest request, ClaimsPrincipal user, CatalogDbContext db, TaxonomySnapshot taxonomy, CatalogCache cache, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, user, db, taxonomy, cache, clock, (product, _, now) =>
        {
            product.Stock = request.Quantity!.Value;
            return () => new ProductStockChanged(product.Id, product.ShopId, product.Stock, product.Version) { OccurredAt = now };
        }, ct);

    /// <summary>
    /// Loads an owned product, applies a change that returns how to build the event to publish (built when saved, so it
    /// carries the new version; or null for a no-op, or an error), and commits both together. A concurrent change (a checkout reserving stock) makes the version check fail: 409.
    /// </summary>
    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> ChangeAsync(
        Guid id,
        ClaimsPrincipal user,
        CatalogDbContext db,
        TaxonomySnapshot taxonomy,
        CatalogCache cache,
        TimeProvider clock,
        Func<Product, Shop, DateTimeOffset, object?> change,
        CancellationToken ct)
    {
        var found = await ProductAccess.FindOwnedAsync(db, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var (product, shop) = found.Value;
        var outcome = change(product, shop, clock.GetUtcNow());
        switch (outcome)
        {
            case Error error:
                return error.ToProblem();
            case Func<SharedKernel.Events.IntegrationEvent> buildEvent:
                db.AddIntegrationEvent(buildEvent);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return ConcurrentUpdate.ToProblem();
                }

                await cache.ProductChangedAsync(product.Id, ct);
                break;
        }

        var names = await CatalogNames.LoadAsync(taxonomy, ct);
        return TypedResults.Ok(ProductResponse.Of(product, ShopRef.Of(shop), names));
    }
}
