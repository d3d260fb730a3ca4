namespace Marketplace.Cart.Carts;

/// <summary>Configuration section <c>Cart</c>.</summary>
internal sealed class CartOptions
{
    /// <summary><c>Cart:GuestCartLifetime</c>: a guest cart untouched this long is forgotten (default 30 days).</summary>
    public TimeSpan GuestCartLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary><c>Cart:CleanupInterval</c>: how often expired guest carts are deleted (default 1 hour).</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
