using Marketplace.Cart.Contracts;
using Marketplace.Cart.Persistence;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Cart.Carts;

/// <summary>The checkout's view of a shopper's cart (the Orders module calls this through Cart.Contracts).</summary>
internal sealed class CartCheckout(CartDbContext db, SharedStoreTransaction shared, TimeProvider clock) : ICartCheckout
{
    public async Task<CheckoutCart?> FindForUserAsync(Guid userId, CancellationToken ct)
    {
        var cart = await CartAccess.ForUserAsync(db, userId, tracked: false, ct);
        return cart is null
            ? null
            : new CheckoutCart(cart.Id, userId, cart.Lines
                .OrderBy(l => l.AddedAt).ThenBy(l => l.Id)
                .Select(l => new CheckoutCartLine(l.Id, l.ProductId, l.ShopId, l.Quantity, l.UnitPriceSeen, l.BoothId))
                .ToList());
    }

    public async Task RemoveLinesAsync(Guid cartId, IReadOnlyCollection<Guid> lineIds, CancellationToken ct)
    {
        shared.Enlist(db); // In a checkout: the lines leave the cart in the checkout's own commit.
        var ids = lineIds.ToList();
        await db.Lines.Where(l => l.CartId == cartId && ids.Contains(l.Id)).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow();
        await db.Carts.Where(c => c.Id == cartId).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now).SetProperty(c => c.Version, c => c.Version + 1), ct);
    }
}
