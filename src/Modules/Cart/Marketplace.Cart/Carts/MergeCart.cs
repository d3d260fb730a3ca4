using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Cart.Persistence;
using Marketplace.Catalog.Contracts;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Cart.Carts;

/// <summary>
/// After sign-in: the guest cart named by <c>X-Cart-Token</c> moves into the shopper's cart. Quantities of the same
/// product add up, capped at what is in stock (and at 999); lines whose product can no longer be sold are dropped. The
/// guest cart is deleted, so its token stops working.
/// </summary>
internal static class MergeCart
{
    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Handle(
        HttpContext http, ClaimsPrincipal user, CartDbContext db, ICatalogReader catalog, IOptions<CartOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        var token = CartAccess.TokenOf(http);
        if (token is null)
        {
            return Error.Validation(CartAccess.TokenHeader, "cart.token_missing", "Send the guest cart's token in the X-Cart-Token header.").ToProblem();
        }

        var now = clock.GetUtcNow();
        var hash = CartAccess.Hash(token);
        var guest = await db.Carts.Include(c => c.Lines).SingleOrDefaultAsync(c => c.TokenHash == hash, ct);
        if (guest is null || guest.IsExpired(now))
        {
            return CartAccess.NotFound.ToProblem();
        }

        var mine = await db.Carts.Include(c => c.Lines).SingleOrDefaultAsync(c => c.UserId == userId, ct);
        if (mine is null)
        {
            mine = new ShoppingCart { Id = Guid.CreateVersion7(), UserId = userId, CreatedAt = now };
            db.Carts.Add(mine);
        }

        var products = (await catalog.GetProductsAsync(guest.Lines.Select(l => l.ProductId).ToList(), ct)).ToDictionary(p => p.Id);
        foreach (var incoming in guest.Lines)
        {
            if (!products.TryGetValue(incoming.ProductId, out var product) || !product.IsSellable || product.Stock == 0)
            {
                continue;
            }

            var existing = mine.Lines.SingleOrDefault(l => l.ProductId == incoming.ProductId);
            if (existing is null && (mine.Lines.Count >= ShoppingCart.MaxLines
                || (mine.Lines.Count > 0 && mine.Lines[0].UnitPriceSeenCurrency != product.Price.Currency)))
            {
                continue;
            }

            var capped = Math.Min(Math.Min((existing?.Quantity ?? 0) + incoming.Quantity, product.Stock), CartLine.MaxQuantity);
            if (existing is null)
            {
                existing = new CartLine
                {
                    Id = Guid.CreateVersion7(), CartId = mine.Id, ProductId = incoming.ProductId, ShopId = incoming.ShopId,
                    AddedAt = incoming.AddedAt, UnitPriceSeen = incoming.UnitPriceSeen,
                };
                mine.Lines.Add(existing);
                db.Lines.Add(existing);
            }

            existing.Quantity = capped;
            existing.BoothId = incoming.BoothId ?? existing.BoothId;
        }

        db.Carts.Remove(guest);
        mine.Touch(now, options.Value.GuestCartLifetime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return CartAccess.ConcurrentUpdate.ToProblem();
        }

        return TypedResults.Ok(await CartView.BuildAsync(mine, null, catalog, ct));
    }
}
