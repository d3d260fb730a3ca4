using System.Security.Claims;
using Marketplace.Catalog.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Shops;

/// <summary>The rule "a merchant touches only their own shop", in one place.</summary>
internal static class ShopAccess
{
    public static readonly Error NotFound = Error.NotFound("catalog.shop.not_found", "There is no such shop.");

    public static readonly Error NotOwner = Error.Forbidden("catalog.shop.not_owner", "Only the shop's owner may do this.");

    public static async Task<Result<Shop>> FindOwnedAsync(CatalogDbContext db, Guid shopId, ClaimsPrincipal user, CancellationToken ct)
    {
        var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null)
        {
            return NotFound;
        }

        return shop.OwnerId == user.UserId() ? shop : NotOwner;
    }
}
