using System.Security.Claims;
using Marketplace.Catalog.Contracts;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;

namespace Marketplace.Ledger;

/// <summary>
/// A shop's money is its owner's business (and an admin's): an unknown shop is 404, someone else's shop 403 — the same
/// answers the Orders module gives for <c>/shops/{id}/orders</c>.
/// </summary>
internal static class ShopAccess
{
    public static async Task<Error?> CheckAsync(ICatalogReader catalog, Guid shopId, ClaimsPrincipal user, bool adminMay, CancellationToken ct)
    {
        var shop = await catalog.GetShopAsync(shopId, ct);
        if (shop is null)
        {
            return Error.NotFound("ledger.shop_not_found", "No such shop.");
        }

        if (adminMay && user.IsAdmin())
        {
            return null;
        }

        return shop.OwnerId == user.UserId()
            ? null
            : Error.Forbidden("ledger.not_your_shop", "Only the shop's owner may see or move its money.");
    }
}
