using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Cart.Persistence;
using Marketplace.Catalog.Contracts;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Marketplace.Cart.Carts;

/// <param name="Quantity">The line's new quantity, 1 to 999.</param>
internal sealed record UpdateCartItemRequest(int? Quantity);

internal sealed class UpdateCartItemRequestValidator : AbstractValidator<UpdateCartItemRequest>
{
    public UpdateCartItemRequestValidator() => RuleFor(r => r.Quantity).NotNull().InclusiveBetween(1, CartLine.MaxQuantity);
}

/// <summary>Sets a line's quantity, re-checked against the product's stock.</summary>
internal static class UpdateCartItem
{
    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Handle(
        Guid itemId, UpdateCartItemRequest request, HttpContext http, ClaimsPrincipal user, CartDbContext db, ICatalogReader catalog,
        IOptions<CartOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var found = await CartItems.FindLineAsync(db, http, user, itemId, now, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var (cart, line) = found.Value;
        var quantity = request.Quantity!.Value;
        var product = (await catalog.GetProductsAsync([line.ProductId], ct)).SingleOrDefault();
        var sellable = CartItems.CheckSellable(product, "itemId");
        if (sellable is not null)
        {
            return sellable.ToProblem();
        }

        if (quantity > product!.Stock)
        {
            return CartItems.InsufficientStock(product.Stock).ToProblem();
        }

        line.Quantity = quantity;
        cart.KeepAlive(now, options.Value.GuestCartLifetime);
        var saved = await CartItems.SaveAsync(db, ct);
        return saved is not null
            ? saved.ToProblem()
            : TypedResults.Ok(await CartView.BuildAsync(cart, CartItems.GuestToken(http, user, cart), catalog, ct));
    }
}
