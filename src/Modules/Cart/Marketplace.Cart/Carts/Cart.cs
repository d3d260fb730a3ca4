using Marketplace.BuildingBlocks.Persistence;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Cart.Carts;

/// <summary>
/// A cart: a signed-in shopper's (one per user) or a guest's, found by the hash of its <c>X-Cart-Token</c>. Durable:
/// it lives in the store, so it survives restarts and follows the shopper from one API instance to another.
/// </summary>
internal sealed class ShoppingCart : IVersioned
{
    public const int MaxLines = 100;

    public Guid Id { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>SHA-256 of a guest's token (hex); the token itself is never stored.</summary>
    public string? TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Guest carts only: when it is forgotten if untouched (sliding).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>
    /// Optimistic concurrency: two requests changing the same cart at once cannot both win silently. Bumped by the store
    /// whenever the cart or one of its lines is saved changed (<see cref="IVersioned"/>).
    /// </summary>
    public long Version { get; set; }

    public List<CartLine> Lines { get; set; } = [];

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && at <= now;

    /// <summary>A guest cart in use lives another <paramref name="guestLifetime"/> (sliding); a shopper's cart does not expire.</summary>
    public void KeepAlive(DateTimeOffset now, TimeSpan guestLifetime)
    {
        if (UserId is null)
        {
            ExpiresAt = now + guestLifetime;
        }
    }
}

internal sealed class CartLine
{
    public const int MaxQuantity = 999;

    public Guid Id { get; set; }

    public Guid CartId { get; set; }

    public Guid ProductId { get; set; }

    public Guid ShopId { get; set; }

    public int Quantity { get; set; }

    /// <summary>The unit price the shopper saw when adding (minor units); the cart flags a later change.</summary>
    public long UnitPriceSeenAmount { get; set; }

    public string UnitPriceSeenCurrency { get; set; } = Money.DefaultCurrency;

    /// <summary>The virtual booth the product was added from, if any (opaque attribution id).</summary>
    public Guid? BoothId { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public Money UnitPriceSeen
    {
        get => new(UnitPriceSeenAmount, UnitPriceSeenCurrency);
        set
        {
            UnitPriceSeenAmount = value.Amount;
            UnitPriceSeenCurrency = value.Currency;
        }
    }
}

internal sealed class ShoppingCartConfiguration : IEntityTypeConfiguration<ShoppingCart>
{
    public void Configure(EntityTypeBuilder<ShoppingCart> b)
    {
        b.ToTable("cart_carts");
        b.HasKey(c => c.Id);
        b.Property(c => c.TokenHash).HasMaxLength(64);
        b.HasIndex(c => c.UserId).IsUnique();
        b.HasIndex(c => c.TokenHash).IsUnique();
        b.HasIndex(c => c.ExpiresAt);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> b)
    {
        b.ToTable("cart_lines");
        b.HasKey(l => l.Id);
        b.HasIndex(l => new { l.CartId, l.ProductId }).IsUnique();
        b.Property(l => l.UnitPriceSeenCurrency).HasMaxLength(3).IsRequired();
        b.Ignore(l => l.UnitPriceSeen);
    }
}
