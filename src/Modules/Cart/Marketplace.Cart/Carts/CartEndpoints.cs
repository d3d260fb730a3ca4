using Marketplace.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Cart.Carts;

/// <remarks>
/// A cart belongs to a signed-in shopper or, for a guest, to the X-Cart-Token the first add returned; so these routes
/// allow anonymous callers and use the bearer token when one is sent.
/// </remarks>
internal static class CartEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var cart = api.MapGroup("/cart").WithTags("Cart");
        cart.MapGet("", CartItems.Get)
            .WithName("Cart_Get").AllowAnonymous().ProducesProblem(404)
            .WithSummary("The cart: a signed-in shopper's own, or a guest's by X-Cart-Token.")
            .WithDescription("Lines grouped by shop and priced today; each line is flagged priceChanged (since it was added) and " +
                             "stockShort (more than the stock). 404 for an unknown or forgotten guest token.");
        cart.MapPost("/items", CartItems.Add).Validate<AddCartItemRequest>()
            .WithName("Cart_AddItem").AllowAnonymous().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Add a product (optionally from a booth).")
            .WithDescription("A guest's first add creates a cart and returns its token (in the body and the X-Cart-Token header); " +
                             "send it back on every cart request. Adding a product already in the cart adds to its quantity. " +
                             "A boothId attributes the sale to that exhibition booth. 409 when the stock is short, 422 for a product " +
                             "that cannot be bought (unknown, a draft, a suspended shop) or a full cart.");
        cart.MapPatch("/items/{itemId:guid}", CartItems.Update).Validate<UpdateCartItemRequest>()
            .WithName("Cart_UpdateItem").AllowAnonymous().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Change a line's quantity (1–999, at most the stock).")
            .WithDescription("409 when the stock is short; 404 for a line of another cart.");
        cart.MapDelete("/items/{itemId:guid}", CartItems.Remove)
            .WithName("Cart_RemoveItem").AllowAnonymous().ProducesProblem(404)
            .WithSummary("Remove a line.")
            .WithDescription("Answers with the cart as it is now. 404 for a line of another cart.");
        cart.MapPost("/merge", MergeCart.Handle)
            .WithName("Cart_Merge").RequireAuthorization().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("After sign-in, move the guest cart (X-Cart-Token) into your cart.")
            .WithDescription("Quantities of the same product add up, capped at the stock; the guest cart is gone afterwards. " +
                             "400 without an X-Cart-Token header.");
    }
}
