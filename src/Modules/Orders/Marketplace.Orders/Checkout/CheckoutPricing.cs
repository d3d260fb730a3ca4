using Marketplace.Cart.Contracts;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.SharedKernel.Errors;
using Microsoft.Extensions.Options;

namespace Marketplace.Orders.Checkout;

/// <summary>What a checkout will write: the priced group (one order per shop, discounts applied), from the cart it read.</summary>
internal sealed record CheckoutDraft(OrderGroup Group, CheckoutCart Cart, IReadOnlyDictionary<Guid, ProductSummary> Products);

/// <summary>
/// The read-only half of a checkout, done before any transaction opens: the cart, today's prices and stock from the
/// Catalog (the price charged is today's; the cart flagged changes), each shop's flat shipping rate, and the voucher's
/// validity and split. Nothing here writes, so a checkout holds its transaction (and on SQLite the single writer) only
/// for its writes.
/// </summary>
internal sealed class CheckoutPricing(
    ICartCheckout carts, ICatalogReader catalog, IVoucherDirectory vouchers, IOptions<OrdersOptions> options, TimeProvider clock)
{
    public async Task<Result<CheckoutDraft>> PriceAsync(CheckoutRequest request, PaymentMethod method, Guid userId, CancellationToken ct)
    {
        var cart = await carts.FindForUserAsync(userId, ct);
        if (cart is null || cart.Lines.Count == 0)
        {
            return Error.Unprocessable("checkout.cart_empty", "The cart is empty.", "cart");
        }

        var products = (await catalog.GetProductsAsync(cart.Lines.Select(l => l.ProductId).Distinct().ToList(), ct)).ToDictionary(p => p.Id);
        foreach (var line in cart.Lines)
        {
            if (!products.TryGetValue(line.ProductId, out var product) || !product.IsSellable)
            {
                var name = product?.Name ?? line.ProductId.ToString();
                return Error.Conflict("checkout.product_unavailable", $"'{name}' can no longer be bought; remove it from the cart.", "cart");
            }

            if (product.Stock < line.Quantity)
            {
                return InsufficientStock(product, product.Stock);
            }
        }

        var currency = products[cart.Lines[0].ProductId].Price.Currency;
        if (cart.Lines.Any(l => products[l.ProductId].Price.Currency != currency))
        {
            return Error.Unprocessable("checkout.mixed_currencies", "All products of one checkout must be priced in the same currency.", "cart");
        }

        var now = clock.GetUtcNow();
        var group = new OrderGroup
        {
            Id = Guid.CreateVersion7(),
            ShopperId = userId,
            PaymentMethod = method,
            Currency = currency,
            Recipient = request.ShippingAddress!.Recipient!.Trim(),
            Phone = request.ShippingAddress.Phone!.Trim(),
            AddressLine1 = request.ShippingAddress.Line1!.Trim(),
            CityCode = request.ShippingAddress.CityCode!.Trim(),
            PostalCode = request.ShippingAddress.PostalCode!.Trim(),
            CreatedAt = now,
            PaymentDueAt = now + options.Value.PaymentWindow,
        };

        var byShop = cart.Lines.GroupBy(l => products[l.ProductId].ShopId).ToList();
        var shops = (await catalog.GetShopsAsync(byShop.Select(g => g.Key).ToList(), ct)).ToDictionary(s => s.Id);
        foreach (var shopLines in byShop)
        {
            var shop = shops.GetValueOrDefault(shopLines.Key);
            if (shop is null || shop.Status != ShopStatus.Active)
            {
                return Error.Conflict("checkout.shop_unavailable", "A shop in the cart cannot sell now; remove its products.", "cart");
            }

            var order = Order.Place(Guid.CreateVersion7(), group.Id, shop.Id, shop.Name, shop.Slug, userId, currency,
                shop.ShippingFlatRate.Currency == currency ? shop.ShippingFlatRate.Amount : 0, now);
            foreach (var line in shopLines)
            {
                var product = products[line.ProductId];
                order.AddLine(product.Id, product.Name, product.ImageUrl, product.Price.Amount, line.Quantity, line.BoothId);
            }

            group.Orders.Add(order);
        }

        if (!string.IsNullOrWhiteSpace(request.VoucherCode))
        {
            var applied = await ApplyVoucherAsync(request.VoucherCode, group, now, ct);
            if (!applied.IsSuccess)
            {
                return Result<CheckoutDraft>.Fail(applied.Errors);
            }

            group.VoucherCode = applied.Value;
        }

        group.DiscountAmount = group.Orders.Sum(o => o.DiscountAmount);
        group.TotalAmount = group.Orders.Sum(o => o.TotalAmount);
        return new CheckoutDraft(group, cart, products);
    }

    /// <summary>Checks the voucher as it stands now and gives each eligible order its share; the use is taken at save.</summary>
    private async Task<Result<string>> ApplyVoucherAsync(string code, OrderGroup group, DateTimeOffset now, CancellationToken ct)
    {
        var voucher = await vouchers.FindAsync(code, ct);
        if (voucher is null)
        {
            return VoucherError(VoucherRedemptionOutcome.NotFound);
        }

        if (now < voucher.ValidFrom || now >= voucher.ValidUntil)
        {
            return VoucherError(VoucherRedemptionOutcome.NotValidNow);
        }

        if (voucher.UsageLimit is { } limit && voucher.TimesUsed >= limit)
        {
            return VoucherError(VoucherRedemptionOutcome.UsedUp);
        }

        if (voucher.Kind == VoucherKind.Fixed && voucher.Currency != group.Currency)
        {
            return Error.Unprocessable("checkout.voucher_currency", $"This voucher is in {voucher.Currency}; the cart is in {group.Currency}.", "voucherCode");
        }

        var eligible = group.Orders.Where(o => voucher.ShopId is null || o.ShopId == voucher.ShopId).ToList();
        if (eligible.Count == 0)
        {
            return Error.Unprocessable("checkout.voucher_not_applicable", "This voucher is for a shop that is not in the cart.", "voucherCode");
        }

        var subtotals = eligible.Select(o => o.SubtotalAmount).ToList();
        var shares = VoucherSplit.Split(VoucherSplit.Discount(voucher.Kind, voucher.Value, subtotals.Sum()), subtotals);
        for (var i = 0; i < eligible.Count; i++)
        {
            eligible[i].ApplyDiscount(shares[i]);
        }

        return voucher.Code;
    }

    public static Error VoucherError(VoucherRedemptionOutcome outcome) => outcome switch
    {
        VoucherRedemptionOutcome.NotFound => Error.Unprocessable("checkout.voucher_not_found", "No such voucher.", "voucherCode"),
        VoucherRedemptionOutcome.NotValidNow => Error.Unprocessable("checkout.voucher_not_valid_now", "This voucher is not valid now (outside its validity window).", "voucherCode"),
        _ => Error.Unprocessable("checkout.voucher_used_up", "This voucher has been used as many times as it may be.", "voucherCode"),
    };

    public static Error InsufficientStock(ProductSummary product, int available) =>
        Error.Conflict("checkout.insufficient_stock", $"Only {available} of '{product.Name}' left in stock; lower the quantity.", "cart");
}
