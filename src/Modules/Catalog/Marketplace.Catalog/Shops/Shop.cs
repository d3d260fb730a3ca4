using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Catalog.Contracts;
using Marketplace.Media.Contracts;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Catalog.Shops;

/// <summary>An MSME's storefront. Owned by one merchant; verified and, if need be, suspended by an admin.</summary>
internal sealed class Shop : IVersioned
{
    public const int MaxNameLength = 100;
    public const int MaxSubsectors = 5;
    public static readonly Money DefaultShippingFlatRate = Money.Idr(15_000_00);

    private Shop()
    {
    }

    public Shop(Guid id, Guid ownerId, string slug, string name, string cityCode, IEnumerable<string> subsectors, DateTimeOffset now)
    {
        Id = id;
        OwnerId = ownerId;
        Slug = slug;
        Name = name;
        SearchName = name.ToLowerInvariant();
        CityCode = cityCode;
        Subsectors = subsectors.Distinct(StringComparer.Ordinal).ToList();
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
        ShippingFlatRateAmount = DefaultShippingFlatRate.Amount;
        Currency = Money.DefaultCurrency;
        // Media takes uploads only for a shop that exists: a new one has none, and its copy is already current.
        MediaImages = [];
        MediaRevision = 0;
    }

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public string Slug { get; set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>Lower-case name, so name filters are case-insensitive on SQLite and PostgreSQL alike.</summary>
    public string SearchName { get; private set; } = "";

    /// <summary>Sanitized rich text: who runs the shop, since when, how they make things.</summary>
    public string? Story { get; set; }

    public string CityCode { get; set; } = "";

    public List<string> Subsectors { get; set; } = [];

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    public long ShippingFlatRateAmount { get; set; }

    public string Currency { get; private set; } = Money.DefaultCurrency;

    public ShopStatus Status { get; private set; } = ShopStatus.Active;

    public bool Verified { get; private set; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    public string? SuspensionReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

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
    /// Media's logo and banner of this shop as its page shows them, copied from the Media module on <c>MediaChanged</c>
    /// (<see cref="Media.MediaCopy"/>); null until copied. Not a change of the shop: no version bump, written by its own statement.
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

    public Money ShippingFlatRate => new(ShippingFlatRateAmount, Currency);

    public void Rename(string name)
    {
        Name = name;
        SearchName = name.ToLowerInvariant();
    }

    // Moderation is a change like an edit: UpdatedAt moves, so the admins' lists show what was decided last on top.
    public void Verify(DateTimeOffset now)
    {
        Verified = true;
        VerifiedAt ??= now;
        UpdatedAt = now;
    }

    public void Suspend(string reason, DateTimeOffset now)
    {
        Status = ShopStatus.Suspended;
        SuspensionReason = reason;
        UpdatedAt = now;
    }

    public void Reinstate(DateTimeOffset now)
    {
        Status = ShopStatus.Active;
        SuspensionReason = null;
        UpdatedAt = now;
    }

    public ShopChanged ChangedEvent(DateTimeOffset now) => new(Id, Slug, Status, Verified, Version) { OccurredAt = now };
}

internal sealed class ShopConfiguration : IEntityTypeConfiguration<Shop>
{
    public void Configure(EntityTypeBuilder<Shop> b)
    {
        b.ToTable("catalog_shops");
        b.HasKey(s => s.Id);
        b.Property(s => s.Slug).HasMaxLength(BuildingBlocks.Text.Slug.MaxLength).IsRequired();
        b.HasIndex(s => s.Slug).IsUnique();
        b.Property(s => s.Name).HasMaxLength(Shop.MaxNameLength).IsRequired();
        b.Property(s => s.SearchName).HasMaxLength(Shop.MaxNameLength).IsRequired();
        b.Property(s => s.CityCode).HasMaxLength(5).IsRequired();
        b.Property(s => s.ContactPhone).HasMaxLength(20);
        b.Property(s => s.ContactEmail).HasMaxLength(254);
        b.Property(s => s.Currency).HasMaxLength(3).IsRequired();
        b.Property(s => s.SuspensionReason).HasMaxLength(500);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Version).IsConcurrencyToken();
        Media.MediaCopy.Configure(b, s => s.MediaImages);
        b.Ignore(s => s.ShippingFlatRate);
        b.HasIndex(s => s.OwnerId);
        b.HasIndex(s => s.CityCode);
    }
}
