using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Engagement.Wishlists;

/// <summary>A product a shopper saved for later. One row per user and product (the key), so saving twice is a no-op.</summary>
internal sealed class WishlistItem
{
    public const int MaxPerUser = 500;

    public Guid UserId { get; set; }

    public Guid ProductId { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

internal sealed class WishlistItemConfiguration : IEntityTypeConfiguration<WishlistItem>
{
    public void Configure(EntityTypeBuilder<WishlistItem> b)
    {
        b.ToTable("engagement_wishlist_items");
        b.HasKey(w => new { w.UserId, w.ProductId });
        b.HasIndex(w => new { w.UserId, w.AddedAt });
    }
}
