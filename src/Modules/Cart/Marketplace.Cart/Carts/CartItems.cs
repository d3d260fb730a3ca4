using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Cart.Contracts;
using Marketplace.Cart.Persistence;
using Marketplace.Catalog.Contracts;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Cart.Carts;

/// <param name="ProductId">The product to add.</param>
/// <param name="Quantity">Units to add, 1 to 999 (added to what the line already holds).</param>
/// <param name="BoothId">The virtual booth the shopper added it from, for sales attribution (optional).</param>
internal sealed record AddCartItemRequest(Guid? ProductId, int? Quantity, Guid? BoothId);

internal sealed class AddCartItemRequestValidator : AbstractValidator<AddCartItemRequest>
{
    public AddCartItemRequestValidator()
    {
        RuleFor(r => r.ProductId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.Quantity).NotNull().InclusiveBetween(1, CartLine.MaxQuantity);
    }
}

/// <summary>Reading and changing the cart. Every change re-checks the product against the Catalog (sellable, stock).</summary>
internal static class CartItems
{
    public static readonly Error CartFull = Error.Unprocessable("cart.too_many_lines", $"A cart holds at most {ShoppingCart.MaxLines} different products.");

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Get(
        HttpContext http, ClaimsPrincipal user, CartDbContext db, ICatalogReader catalog, TimeProvider clock, CancellationToken ct)
    {
        var found = await CartAccess.FindAsync(db, http, user, clock.GetUtcNow(), tracked: false, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        return TypedResults.Ok(await CartView.BuildAsync(found.Value, GuestToken(http, user, found.Value), catalog, ct));
    }

    private const int Attempts = 8;

    /// <summary>
    /// Adds (or raises) a line. Two adds to the same cart at once conflict on the cart's version (or, for a first add,
    /// on the unique user/line keys); the loser reloads and tries again, so no add is lost and none is counted twice.
    /// </summary>
    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Add(
        AddCartItemRequest request, HttpContext http, ClaimsPrincipal user, CartDbContext db, ICatalogReader catalog,
        IOptions<CartOptions> options, TimeProvider clock, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await AddOnceAsync(request, http, user, db, catalog, options, clock, ct);
            if (result.Result is not ProblemHttpResult { ProblemDetails.Status: StatusCodes.Status409Conflict } problem
                || !Equals(problem.ProblemDetails.Extensions["code"], CartAccess.ConcurrentUpdate.Code)
                || attempt == Attempts)
            {
                return result;
            }

            db.ChangeTracker.Clear();
            await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
        }
    }

    private static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> AddOnceAsync(
        AddCartItemRequest request, HttpContext http, ClaimsPrincipal user, CartDbContext db, ICatalogReader catalog,
        IOptions<CartOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var productId = request.ProductId!.Value;
        var quantity = request.Quantity!.Value;
        var now = clock.GetUtcNow();
        var found = await CartAccess.FindAsync(db, http, user, now, tracked: true, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        // One catalog read for the product added and the lines already there: the answer shows the whole cart.
        var products = (await catalog.GetProductsAsync([productId, .. found.Value?.Lines.Select(l => l.ProductId) ?? []], ct))
            .ToDictionary(p => p.Id);
        var product = products.GetValueOrDefault(productId);
        var sellable = CheckSellable(product, "productId");
        if (sellable is not null)
        {
            return sellable.ToProblem();
        }

        string? newToken = null;
        var cart = found.Value;
        if (cart is null)
        {
            cart = new ShoppingCart { Id = Guid.CreateVersion7(), CreatedAt = now, UserId = user.UserId() };
            if (cart.UserId is null)
            {
                newToken = CartAccess.NewToken();
                cart.TokenHash = CartAccess.Hash(newToken);
            }

            db.Carts.Add(cart);
        }

        if (cart.Lines.Count > 0 && cart.Lines[0].UnitPriceSeenCurrency != product!.Price.Currency)
        {
            return Error.Unprocessable("cart.currency_mismatch", $"This cart is priced in {cart.Lines[0].UnitPriceSeenCurrency}; check it out before adding products priced in {product.Price.Currency}.", "productId").ToProblem();
        }

        var line = cart.Lines.SingleOrDefault(l => l.ProductId == productId);
        var wanted = (line?.Quantity ?? 0) + quantity;
        if (wanted > CartLine.MaxQuantity)
        {
            return Error.Validation("quantity", "cart.quantity_too_large", $"A line holds at most {CartLine.MaxQuantity} units; it already has {line?.Quantity ?? 0}.").ToProblem();
        }

        if (wanted > product!.Stock)
        {
            return InsufficientStock(product.Stock).ToProblem();
        }

        if (line is null)
        {
            if (cart.Lines.Count >= ShoppingCart.MaxLines)
            {
                return CartFull.ToProblem();
            }

            line = new CartLine { Id = Guid.CreateVersion7(), CartId = cart.Id, ProductId = productId, ShopId = product.ShopId, AddedAt = now };
            cart.Lines.Add(line);
            db.Lines.Add(line);
        }

        line.Quantity = wanted;
        line.UnitPriceSeen = product.Price;
        line.BoothId = request.BoothId ?? line.BoothId;
        cart.KeepAlive(now, options.Value.GuestCartLifetime);
        if (request.BoothId is { } boothId)
        {
            // Only a booth's add has a consumer (the exhibition's attribution); any other add would be an outbox row
            // written, claimed, delivered to nobody and marked, on every add to cart.
            db.AddIntegrationEvent(new CartItemAdded(cart.Id, productId, product.ShopId, quantity, boothId, cart.UserId, now) { OccurredAt = now });
        }

        var saved = await SaveAsync(db, ct);
        if (saved is not null)
        {
            return saved.ToProblem();
        }

        var token = newToken ?? GuestToken(http, user, cart);
        if (token is not null)
        {
            http.Response.Headers[CartAccess.TokenHeader] = token;
        }

        return TypedResults.Ok(CartView.Build(cart, token, products));
    }

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Remove(
        Guid itemId, HttpContext http, ClaimsPrincipal user, CartDbContext db, ICatalogReader catalog,
        IOptions<CartOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var found = await FindLineAsync(db, http, user, itemId, now, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var (cart, line) = found.Value;
        cart.Lines.Remove(line);
        db.Lines.Remove(line);
        cart.KeepAlive(now, options.Value.GuestCartLifetime);
        var saved = await SaveAsync(db, ct);
        return saved is not null
            ? saved.ToProblem()
            : TypedResults.Ok(await CartView.BuildAsync(cart, GuestToken(http, user, cart), catalog, ct));
    }

    /// <summary>Not found, not published, deleted, or its shop suspended: each named on the request field.</summary>
    public static Error? CheckSellable(ProductSummary? product, string field)
    {
        if (product is null || product.Status == ProductStatus.Deleted)
        {
            return Error.Unprocessable("cart.product_not_found", "No such product.", field);
        }

        if (product.ShopStatus == ShopStatus.Suspended)
        {
            return Error.Unprocessable("cart.shop_suspended", "This product's shop is suspended; it cannot sell now.", field);
        }

        if (product.Status != ProductStatus.Published)
        {
            return Error.Unprocessable("cart.product_not_published", "This product is not on sale.", field);
        }

        return null;
    }

    public static Error InsufficientStock(int available) =>
        Error.Conflict("cart.insufficient_stock", $"Only {available} in stock.", "quantity");

    public static string? GuestToken(HttpContext http, ClaimsPrincipal user, ShoppingCart? cart) =>
        user.UserId() is null && cart is not null ? CartAccess.TokenOf(http) : null;

    public static async Task<Result<(ShoppingCart Cart, CartLine Line)>> FindLineAsync(
        CartDbContext db, HttpContext http, ClaimsPrincipal user, Guid itemId, DateTimeOffset now, CancellationToken ct)
    {
        var found = await CartAccess.FindAsync(db, http, user, now, tracked: true, ct);
        if (!found.IsSuccess)
        {
            return Result<(ShoppingCart, CartLine)>.Fail(found.Errors);
        }

        var cart = found.Value;
        var line = cart?.Lines.SingleOrDefault(l => l.Id == itemId);
        if (cart is null || line is null)
        {
            return CartAccess.LineNotFound;
        }

        return (cart, line);
    }

    public static async Task<Error?> SaveAsync(CartDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            // A concurrent change of the same cart (version) or a concurrent first add (unique user / product line).
            return CartAccess.ConcurrentUpdate;
        }
    }
}
