using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Marketplace.Cart.Contracts;
using Marketplace.Cart.Persistence;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
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
        shared.Enlist(db); // In a checkout: the lines leave the cart in the checkout's own commit.
        var names = CartColumns.Of(db);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder($"DELETE FROM {names.Lines} WHERE {names.LineCartId} = @cart AND {names.LineId} IN (");
        AddParameter(command, names.CartIdProperty, "cart", cartId);
        var i = 0;
        foreach (var lineId in lineIds)
        {
            sql.Append(i == 0 ? "" : ", ").Append("@line").Append(i);
            AddParameter(command, names.LineIdProperty, "line" + i, lineId);
            i++;
        }

        if (i == 0)
        {
            sql.Append("NULL"); // Nothing to delete; the version still moves on, as before.
        }

        sql.Append($");\nUPDATE {names.Carts} SET {names.UpdatedAt} = @now, {names.Version} = {names.Version} + 1 WHERE {names.Id} = @cart;");
        AddParameter(command, names.UpdatedAtProperty, "now", clock.GetUtcNow());
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

        static void AddParameter(DbCommand target, IProperty property, string name, object value) =>
            target.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(target, "@" + name, value));
    }

    /// <summary>The carts' and lines' quoted table and column names, worked out once per model (one per provider).</summary>
    private sealed record CartColumns(
        string Carts, string Id, string UpdatedAt, string Version, string Lines, string LineId, string LineCartId,
        IProperty CartIdProperty, IProperty LineIdProperty, IProperty UpdatedAtProperty)
    {
        private static readonly ConditionalWeakTable<IModel, CartColumns> ByModel = [];

        public static CartColumns Of(DbContext db) => ByModel.GetValue(db.Model, m =>
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var cart = m.FindEntityType(typeof(ShoppingCart))!;
            var line = m.FindEntityType(typeof(CartLine))!;
            string Table(IEntityType entity) => sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
            string Column(IEntityType entity, string property) =>
                sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()))!);
            return new CartColumns(
                Table(cart), Column(cart, nameof(ShoppingCart.Id)), Column(cart, nameof(ShoppingCart.UpdatedAt)), Column(cart, nameof(ShoppingCart.Version)),
                Table(line), Column(line, nameof(CartLine.Id)), Column(line, nameof(CartLine.CartId)),
                line.FindProperty(nameof(CartLine.CartId))!, line.FindProperty(nameof(CartLine.Id))!, cart.FindProperty(nameof(ShoppingCart.UpdatedAt))!);
        });
    }
}
