using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Engagement.Persistence;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Engagement.Wishlists;

/// <summary>A saved product as the wishlist shows it: live catalog data, so a price change or sell-out shows at once.</summary>
/// <param name="Available">Published, its shop active and in stock.</param>
internal sealed record WishlistEntry(Guid ProductId, string Name, Money Price, string? ImageUrl, Guid ShopId, string ShopSlug, string ShopName, bool Available, DateTimeOffset AddedAt);

internal static class WishlistEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var wishlist = api.MapGroup("/me/wishlist").WithTags("Wishlist").RequireAuthorization();
        wishlist.MapGet("/", List).ProducesValidationProblem()
            .WithName("Wishlist_List")
            .WithSummary("Your saved products, most recently saved first.")
            .WithDescription("Paged. Each entry carries the product's current name, price, image and availability; deleted products are left out.");
        wishlist.MapPut("/{productId:guid}", Add).ProducesProblem(404).ProducesProblem(409)
            .WithName("Wishlist_Save")
            .WithSummary("Save a product to your wishlist (saving it again changes nothing).")
            .WithDescription("The product must be published. At most 500 products per wishlist (409 beyond).");
        wishlist.MapDelete("/{productId:guid}", Remove)
            .WithName("Wishlist_Remove")
            .WithSummary("Remove a product from your wishlist.")
            .WithDescription("Idempotent: removing a product that is not there is also 204.");
    }

    public static async Task<Results<Ok<PagedResult<WishlistEntry>>, ProblemHttpResult>> List(
        int? page, int? pageSize, ClaimsPrincipal user, EngagementDbContext db, ICatalogReader catalog, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        var userId = user.UserId()!.Value;
        var saved = db.WishlistItems.AsNoTracking().Where(w => w.UserId == userId);
        var total = await saved.CountAsync(ct);
        var rows = await saved.OrderByDescending(w => w.AddedAt).ThenBy(w => w.ProductId)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        var products = (await catalog.GetProductsAsync(rows.Select(r => r.ProductId).ToList(), ct)).ToDictionary(p => p.Id);
        var items = new List<WishlistEntry>();
        foreach (var row in rows)
        {
            if (products.TryGetValue(row.ProductId, out var p) && p.Status != ProductStatus.Deleted)
            {
                items.Add(new WishlistEntry(p.Id, p.Name, p.Price, p.ImageUrl, p.ShopId, p.ShopSlug, p.ShopName, p.IsSellable && p.Stock > 0, row.AddedAt));
            }
        }

        return TypedResults.Ok(new PagedResult<WishlistEntry>(items, paging.Value.Page, paging.Value.PageSize, total));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Add(
        Guid productId, ClaimsPrincipal user, EngagementDbContext db, ICatalogReader catalog,
        [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        var product = (await catalog.GetProductsAsync([productId], ct)).SingleOrDefault();
        if (product is null || !product.IsSellable)
        {
            return Error.NotFound("engagement.wishlist.unknown_product", "There is no such published product.").ToProblem();
        }

        if (await db.WishlistItems.AnyAsync(w => w.UserId == userId && w.ProductId == productId, ct))
        {
            return TypedResults.NoContent();
        }

        if (await db.WishlistItems.CountAsync(w => w.UserId == userId, ct) >= WishlistItem.MaxPerUser)
        {
            return Error.Conflict("engagement.wishlist.full", $"A wishlist holds at most {WishlistItem.MaxPerUser} products; remove some first.").ToProblem();
        }

        db.WishlistItems.Add(new WishlistItem { UserId = userId, ProductId = productId, AddedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same save from a parallel request won: the product is saved, which is what was asked.
        }

        return TypedResults.NoContent();
    }

    public static async Task<NoContent> Remove(Guid productId, ClaimsPrincipal user, EngagementDbContext db, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        await db.WishlistItems.Where(w => w.UserId == userId && w.ProductId == productId).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }
}
