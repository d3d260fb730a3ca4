using System.Security.Claims;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Shops;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Products;

/// <summary>Who may see and who may change a product.</summary>
internal static class ProductAccess
{
    public static readonly Error NotFound = Error.NotFound("catalog.product.not_found", "There is no such product.");

    public static readonly Error NotOwner = Error.Forbidden("catalog.product.not_owner", "Only the owner of the product's shop may do this.");

    /// <summary>Shoppers see published products of active shops; owners and admins see their drafts too.</summary>
    public static bool IsVisibleTo(ProductStatus status, ShopStatus shopStatus, Guid ownerId, ClaimsPrincipal user) =>
        status != ProductStatus.Deleted
        && ((status == ProductStatus.Published && shopStatus == ShopStatus.Active)
            || ownerId == user.UserId()
            || user.IsAdmin());

    /// <summary>
    /// The product and its shop, when the caller owns the shop. Someone else's product is 403 when shoppers can see
    /// it anyway and 404 when it is a draft, so drafts do not leak.
    /// </summary>
    public static async Task<Result<(Product Product, Shop Shop)>> FindOwnedAsync(CatalogDbContext db, Guid productId, ClaimsPrincipal user, CancellationToken ct)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId && p.Status != ProductStatus.Deleted, ct);
        if (product is null)
        {
            return NotFound;
        }

        var shop = await db.Shops.SingleAsync(s => s.Id == product.ShopId, ct);
        if (shop.OwnerId == user.UserId())
        {
            return (product, shop);
        }

        return product.Status == ProductStatus.Published && shop.Status == ShopStatus.Active ? NotOwner : NotFound;
    }
}
