using Marketplace.Catalog.Contracts;
using Marketplace.SharedKernel;

namespace Marketplace.Cart.Carts;

/// <param name="Token">A guest's cart token (send it back as X-Cart-Token); null for a signed-in shopper's cart.</param>
internal sealed record CartResponse(string? Token, IReadOnlyList<CartShopResponse> Shops, Money Total, int ItemCount);

internal sealed record CartShopResponse(Guid ShopId, string ShopName, string ShopSlug, IReadOnlyList<CartLineResponse> Lines, Money Subtotal);

/// <param name="UnitPrice">Today's price.</param>
/// <param name="UnitPriceSeen">The price when the shopper added it.</param>
/// <param name="PriceChanged">Today's price differs from the one seen.</param>
/// <param name="StockShort">Fewer units are in stock than the line asks for (see <paramref name="Available"/>).</param>
/// <param name="Unavailable">The product was unpublished or deleted, or its shop suspended: it cannot be checked out.</param>
internal sealed record CartLineResponse(
    Guid Id,
    Guid ProductId,
    string Name,
    string? ImageUrl,
    int Quantity,
    Money UnitPrice,
    Money UnitPriceSeen,
    Money LineTotal,
    Guid? BoothId,
    bool PriceChanged,
    bool StockShort,
    int Available,
    bool Unavailable);

/// <summary>Builds the cart view: lines grouped by shop, priced today, flagged where price or stock moved.</summary>
internal static class CartView
{
    public static async Task<CartResponse> BuildAsync(ShoppingCart? cart, string? token, ICatalogReader catalog, CancellationToken ct)
    {
        if (cart is null || cart.Lines.Count == 0)
        {
            return new CartResponse(token, [], Money.Idr(0), 0);
        }

        var products = (await catalog.GetProductsAsync(cart.Lines.Select(l => l.ProductId).ToList(), ct)).ToDictionary(p => p.Id);
        return Build(cart, token, products);
    }

    /// <summary>The view from products already read (they may include more than the cart's).</summary>
    public static CartResponse Build(ShoppingCart cart, string? token, IReadOnlyDictionary<Guid, ProductSummary> products)
    {
        if (cart.Lines.Count == 0)
        {
            return new CartResponse(token, [], Money.Idr(0), 0);
        }

        var currency = cart.Lines[0].UnitPriceSeenCurrency;
        var shops = new List<CartShopResponse>();
        foreach (var group in cart.Lines.OrderBy(l => l.AddedAt).ThenBy(l => l.Id).GroupBy(l => l.ShopId))
        {
            var lines = new List<CartLineResponse>();
            var subtotal = Money.Zero(currency);
            string shopName = "", shopSlug = "";
            foreach (var line in group)
            {
                products.TryGetValue(line.ProductId, out var product);
                var unavailable = product is null || !product.IsSellable;
                var price = product?.Price ?? line.UnitPriceSeen;
                var available = unavailable ? 0 : product!.Stock;
                var lineTotal = price.Multiply(line.Quantity);
                if (!unavailable)
                {
                    subtotal = subtotal.Add(lineTotal);
                }

                shopName = product?.ShopName ?? shopName;
                shopSlug = product?.ShopSlug ?? shopSlug;
                lines.Add(new CartLineResponse(
                    line.Id, line.ProductId, product?.Name ?? "", product?.ImageUrl, line.Quantity, price, line.UnitPriceSeen, lineTotal,
                    line.BoothId, price != line.UnitPriceSeen, available < line.Quantity, available, unavailable));
            }

            shops.Add(new CartShopResponse(group.Key, shopName, shopSlug, lines, subtotal));
        }

        var total = shops.Aggregate(Money.Zero(currency), (sum, s) => sum.Add(s.Subtotal));
        return new CartResponse(token, shops, total, cart.Lines.Sum(l => l.Quantity));
    }
}
