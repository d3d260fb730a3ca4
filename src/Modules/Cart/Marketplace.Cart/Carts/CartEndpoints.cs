using Marketplace.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Cart.Carts;

internal static class CartEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var cart = api.MapGroup("/cart").WithTags("Cart");
        cart.MapGet("", CartItems.Get)
            .ProducesProblem(404)
            .WithSummary("The cart: a signed-in shopper's own, or a guest's by X-Cart-Token. Lines grouped by shop, priced today, flagged priceChanged/stockShort.");
        cart.MapPost("/items", CartItems.Add).Validate<AddCartItemRequest>()
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Add a product (optionally from a booth). A guest's first add creates a cart and returns its token (body and X-Cart-Token header).");
        cart.MapPatch("/items/{itemId:guid}", CartItems.Update).Validate<UpdateCartItemRequest>()
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Change a line's quantity (1–999, at most the stock).");
        cart.MapDelete("/items/{itemId:guid}", CartItems.Remove)
            .ProducesProblem(404)
            .WithSummary("Remove a line.");
        cart.MapPost("/merge", MergeCart.Handle)
            .RequireAuthorization().ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("After sign-in, move the guest cart (X-Cart-Token) into your cart; quantities add up, capped at stock.");
    }
}
