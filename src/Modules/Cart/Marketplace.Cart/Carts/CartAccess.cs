using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Cart.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Cart.Carts;

/// <summary>
/// Which cart a request means. A signed-in shopper has one cart (their own, whatever token they send); a guest is
/// identified by the secret <c>X-Cart-Token</c> the first add-to-cart returned. Tokens are stored hashed; an unknown,
/// expired or merged token is simply not found (404), so one guest can never read or change another's cart.
/// </summary>
internal static class CartAccess
{
    public const string TokenHeader = "X-Cart-Token";

    public static readonly Error NotFound = Error.NotFound("cart.not_found", "No cart with this X-Cart-Token (unknown, expired or merged after sign-in).");

    public static readonly Error LineNotFound = Error.NotFound("cart.line_not_found", "This cart has no such line.");

    public static readonly Error ConcurrentUpdate = Error.Conflict("cart.concurrent_update", "The cart was changed by another request; reload and try again.");

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string? TokenOf(HttpContext http) =>
        http.Request.Headers.TryGetValue(TokenHeader, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;

    // A signed-in shopper's cart is read on every cart request and checkout: compiled once, not hashed and looked up each time.
    private static readonly CompiledPerModel<Func<CartDbContext, Guid, CancellationToken, Task<ShoppingCart?>>> ByUserTracked = new(() =>
        EF.CompileAsyncQuery((CartDbContext db, Guid userId, CancellationToken _) => db.Carts.Include(c => c.Lines).SingleOrDefault(c => c.UserId == userId)));

    private static readonly CompiledPerModel<Func<CartDbContext, Guid, CancellationToken, Task<ShoppingCart?>>> ByUserUntracked = new(() =>
        EF.CompileAsyncQuery((CartDbContext db, Guid userId, CancellationToken _) => db.Carts.AsNoTracking().Include(c => c.Lines).SingleOrDefault(c => c.UserId == userId)));

    /// <summary>A signed-in shopper's cart with its lines, or null.</summary>
    public static Task<ShoppingCart?> ForUserAsync(CartDbContext db, Guid userId, bool tracked, CancellationToken ct) =>
        (tracked ? ByUserTracked : ByUserUntracked).For(db)(db, userId, ct);

    /// <summary>The cart of this request; null (not an error) when a guest has no token or a user has no cart yet.</summary>
    public static async Task<Result<ShoppingCart?>> FindAsync(CartDbContext db, HttpContext http, ClaimsPrincipal user, DateTimeOffset now, bool tracked, CancellationToken ct)
    {
        if (user.UserId() is { } userId)
        {
            return await ForUserAsync(db, userId, tracked, ct);
        }

        IQueryable<ShoppingCart> carts = db.Carts.Include(c => c.Lines);
        if (!tracked)
        {
            carts = carts.AsNoTracking();
        }

        var token = TokenOf(http);
        if (token is null)
        {
            return (ShoppingCart?)null;
        }

        var hash = Hash(token);
        var cart = await carts.SingleOrDefaultAsync(c => c.TokenHash == hash, ct);
        if (cart is null || cart.IsExpired(now))
        {
            return NotFound;
        }

        return cart;
    }
}
