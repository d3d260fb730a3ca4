using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Catalog.Contracts;
using Marketplace.Media.Contracts;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Catalog.Products;

/// <summary>
/// A product listed by a shop. Names and descriptions in Indonesian, optionally English; the story is sanitized
/// rich text. Starts as a draft; shoppers see it once published (and while its shop is active).
/// </summary>
internal sealed class Product : IVersioned
{
    public const int MaxNameLength = 150;
    public const int MaxDescriptionLength = 5_000;
    public const int MaxStock = 1_000_000;
    public const long MaxPriceMinorUnits = 100_000_000_000; // Rp 1 miliar: beyond it a price is a typo, not a product.
    public const int MaxImages = 10;
    public const int MaxMaterials = 10;

    private Product()
    {
    }

    public Product(Guid id, Guid shopId, DateTimeOffset now)
    {
        Id = id;
        ShopId = shopId;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
        Status = ProductStatus.Draft;
        // Media takes uploads only for a product that exists: a new one has none, and its copy is already current.
        MediaImages = [];
        MediaRevision = 0;
    }

    public Guid Id { get; private set; }

    public Guid ShopId { get; private set; }

    public string Name { get; set; } = "";

    public string? NameEn { get; set; }

    public string? Description { get; set; }

    public string? DescriptionEn { get; set; }

    public string? Story { get; set; }

    public long PriceAmount { get; set; }

    public string PriceCurrency { get; set; } = Money.DefaultCurrency;

    public string SubsectorCode { get; set; } = "";

    public string? Category { get; set; }

    /// <summary>Units available to sell now (reserved units are already taken out).</summary>
    public int Stock { get; set; }

    public string? HalalCertificate { get; set; }

    public string? PirtNumber { get; set; }

    public string? BpomNumber { get; set; }

    public int? ShelfLifeDays { get; set; }

    public List<string> Materials { get; set; } = [];

    public bool? Handmade { get; set; }

    public string? OriginCityCode { get; set; }

    public List<string> ImageUrls { get; set; } = [];

    public ProductStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>Bumped by the store on every saved change (<see cref="IVersioned"/>): concurrency token and ETag.</summary>
    public long Version { get; private set; }

    /// <summary>Engagement's rating aggregate of the visible reviews, as last published (<c>RatingChanged</c>).</summary>
    public double RatingAverage { get; private set; }

    public int RatingCount { get; private set; }

    /// <summary>Reviews with 1, 2, 3, 4 and 5 stars (empty until the first review).</summary>
    public List<int> RatingDistribution { get; private set; } = [];

    /// <summary>The aggregate's version, so a redelivered or out-of-order <c>RatingChanged</c> is ignored.</summary>
    public long RatingVersion { get; private set; }

    /// <summary>
    /// Media's photos of this product as its page shows them, copied from the Media module on <c>MediaChanged</c>
    /// (<see cref="Media.MediaCopy"/>); null until copied. Not a change of the product: no version bump, written by its own statement.
    /// </summary>
    public IReadOnlyList<MediaImageView>? MediaImages { get; private set; }

    /// <summary>The Media owner's revision <see cref="MediaImages"/> is of (null: no copy yet, read Media instead).</summary>
    public long? MediaRevision { get; private set; }

    /// <summary>Takes a newer rating aggregate; false (nothing changes) for one already seen or older.</summary>
    public bool ApplyRating(int count, IReadOnlyList<int> distribution, double average, long version)
    {
        if (version <= RatingVersion)
        {
            return false;
        }

        RatingCount = count;
        RatingDistribution = [.. distribution];
        RatingAverage = average;
        RatingVersion = version;
        // The page shows the rating: a new version gives a new ETag and tells Search to reindex.
        Version++;
        return true;
    }

    public Money Price
    {
        get => new(PriceAmount, PriceCurrency);
        set
        {
            PriceAmount = value.Amount;
            PriceCurrency = value.Currency;
        }
    }

    public void Publish(DateTimeOffset now)
    {
        Status = ProductStatus.Published;
        PublishedAt ??= now;
    }

    public void Unpublish() => Status = ProductStatus.Draft;

    public void Delete(DateTimeOffset now)
    {
        Status = ProductStatus.Deleted;
        DeletedAt = now;
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("catalog_products");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(Product.MaxNameLength).IsRequired();
        b.Property(p => p.NameEn).HasMaxLength(Product.MaxNameLength);
        b.Property(p => p.Description).HasMaxLength(Product.MaxDescriptionLength * 2);
        b.Property(p => p.DescriptionEn).HasMaxLength(Product.MaxDescriptionLength * 2);
        b.Property(p => p.Story).HasMaxLength(BuildingBlocks.Text.RichText.MaxLength * 2);
        b.Property(p => p.PriceCurrency).HasMaxLength(3).IsRequired();
        b.Property(p => p.SubsectorCode).HasMaxLength(40).IsRequired();
        b.Property(p => p.Category).HasMaxLength(60);
        b.Property(p => p.HalalCertificate).HasMaxLength(50);
        b.Property(p => p.PirtNumber).HasMaxLength(30);
        b.Property(p => p.BpomNumber).HasMaxLength(30);
        b.Property(p => p.OriginCityCode).HasMaxLength(5);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Version).IsConcurrencyToken();
        Media.MediaCopy.Configure(b, p => p.MediaImages);
        b.Ignore(p => p.Price);
        b.HasIndex(p => new { p.ShopId, p.Status });
        b.HasIndex(p => new { p.Status, p.Id });
    }
}
