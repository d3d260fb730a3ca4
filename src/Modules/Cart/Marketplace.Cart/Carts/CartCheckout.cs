using System.Text;
using Marketplace.Cart.Contracts;
using Marketplace.Cart.Persistence;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

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

    /// <summary>
    /// The ordered lines leave the cart and its version moves on, in one command of two statements. Inside a checkout this
    /// runs while SQLite's single write lock is held: <c>ExecuteDelete</c>/<c>ExecuteUpdate</c> are translated from LINQ
    /// at every call (EF Core cannot compile them), which was most of this step's time under that lock.
    /// </summary>
    public async Task RemoveLinesAsync(Guid cartId, IReadOnlyCollection<Guid> lineIds, CancellationToken ct)
    {
        if (lineIds.Count == 0)
        {
            return; // A checkout's cart always has lines; with none there is nothing to take and the cart is unchanged.
        }

        shared.Enlist(db); // In a checkout: the lines leave the cart in the checkout's own commit.
        var names = CartColumns.ByModel.For(db);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder($"DELETE FROM {names.Lines} WHERE {names.LineCartId} = @cart AND {names.LineId} IN (");
        StoreNames.Parameter(command, names.CartIdProperty, "cart", cartId);
        var i = 0;
        foreach (var lineId in lineIds)
        {
            sql.Append(i == 0 ? "" : ", ").Append("@line").Append(i);
            StoreNames.Parameter(command, names.LineIdProperty, "line" + i, lineId);
            i++;
        }

        sql.Append($");\nUPDATE {names.Carts} SET {names.UpdatedAt} = @now, {names.Version} = {names.Version} + 1 WHERE {names.Id} = @cart;");
        StoreNames.Parameter(command, names.UpdatedAtProperty, "now", clock.GetUtcNow());
        command.CommandText = sql.ToString();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The carts' and lines' quoted table and column names, worked out once per model (one per provider).</summary>
    private sealed record CartColumns(
        string Carts, string Id, string UpdatedAt, string Version, string Lines, string LineId, string LineCartId,
        IProperty CartIdProperty, IProperty LineIdProperty, IProperty UpdatedAtProperty)
    {
        public static readonly PerModel<CartColumns> ByModel = new(db =>
        {
            var names = new StoreNames(db);
            return new CartColumns(
                names.Table<ShoppingCart>(), names.Column<ShoppingCart>(nameof(ShoppingCart.Id)),
                names.Column<ShoppingCart>(nameof(ShoppingCart.UpdatedAt)), names.Column<ShoppingCart>(nameof(ShoppingCart.Version)),
                names.Table<CartLine>(), names.Column<CartLine>(nameof(CartLine.Id)), names.Column<CartLine>(nameof(CartLine.CartId)),
                names.Property<CartLine>(nameof(CartLine.CartId)), names.Property<CartLine>(nameof(CartLine.Id)),
                names.Property<ShoppingCart>(nameof(ShoppingCart.UpdatedAt)));
        });
    }
}
