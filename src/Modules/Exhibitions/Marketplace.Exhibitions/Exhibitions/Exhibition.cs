using Marketplace.BuildingBlocks.Persistence;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Exhibitions.Exhibitions;

internal enum ExhibitionStatus
{
    Draft,
    Upcoming,
    Live,
    Ended,
}

/// <summary>
/// A virtual exhibition (pameran virtual) run by one organiser. Kept as a draft until published; once published its
/// status (upcoming → live → ended) follows the clock, it is never stored, so it cannot go stale.
/// </summary>
internal sealed class Exhibition : IVersioned
{
    public const int MaxTitleLength = 150;
    public const int MaxHalls = 30;
    public const int MaxTiers = 10;
    public const int MaxSubsectors = 17;

    private Exhibition()
    {
    }

    public Exhibition(Guid id, Guid organiserId, string slug, string title, string cityCode, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        Id = id;
        OrganiserId = organiserId;
        Slug = slug;
        Title = title;
        CityCode = cityCode;
        StartsAt = startsAt;
        EndsAt = endsAt;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
    }

    public Guid Id { get; private set; }

    public Guid OrganiserId { get; private set; }

    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Theme { get; set; }

    /// <summary>Sanitized rich text.</summary>
    public string? Description { get; set; }

    public string CityCode { get; set; } = "";

    /// <summary>Stored in UTC; shown in Asia/Jakarta time (WIB, UTC+7).</summary>
    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public string? BannerUrl { get; set; }

    /// <summary>
    /// The <c>Idempotency-Key</c> the organiser's create request carried (unique per organiser), so a double-submitted
    /// form or a retried request creates one exhibition, not two.
    /// </summary>
    public string? CreationKey { get; set; }

    /// <summary>The sub-sectors the exhibition welcomes; empty = all.</summary>
    public List<string> Subsectors { get; set; } = [];

    public bool Published { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; private set; }

    public List<ExhibitionHall> Halls { get; private set; } = [];

    public List<BoothTier> Tiers { get; private set; } = [];

    public ExhibitionStatus StatusAt(DateTimeOffset now) =>
        !Published ? ExhibitionStatus.Draft
        : now < StartsAt ? ExhibitionStatus.Upcoming
        : now < EndsAt ? ExhibitionStatus.Live
        : ExhibitionStatus.Ended;

    public bool HasEnded(DateTimeOffset now) => now >= EndsAt;

    public bool Welcomes(IEnumerable<string> subsectors) => Subsectors.Count == 0 || subsectors.Any(Subsectors.Contains);

    public void Publish(DateTimeOffset now)
    {
        Published = true;
        PublishedAt = now;
    }
}

/// <summary>A hall of the virtual venue; booths are placed in numbered slots, handed out in order.</summary>
internal sealed class ExhibitionHall
{
    public Guid Id { get; set; }

    public Guid ExhibitionId { get; set; }

    public string Name { get; set; } = "";

    public int Position { get; set; }

    /// <summary>The next free slot number; taken with one atomic increment when a booth is placed.</summary>
    public int NextSlot { get; set; } = 1;
}

/// <summary>A kind of booth (Standard, Premium, …) with a fixed number of places.</summary>
internal sealed class BoothTier
{
    public Guid Id { get; set; }

    public Guid ExhibitionId { get; set; }

    public string Name { get; set; } = "";

    public int Position { get; set; }

    public int Capacity { get; set; }

    /// <summary>Booths approved in this tier; raised by one conditional update (<c>WHERE Taken &lt; Capacity</c>).</summary>
    public int Taken { get; set; }

    public long? PriceAmount { get; set; }

    public string Currency { get; set; } = Money.DefaultCurrency;

    public Money? Price => PriceAmount is { } amount ? new Money(amount, Currency) : null;
}

internal sealed class ExhibitionConfiguration : IEntityTypeConfiguration<Exhibition>
{
    public void Configure(EntityTypeBuilder<Exhibition> b)
    {
        b.ToTable("exhibitions_exhibitions");
        b.HasKey(e => e.Id);
        b.Property(e => e.Slug).HasMaxLength(BuildingBlocks.Text.Slug.MaxLength).IsRequired();
        b.HasIndex(e => e.Slug).IsUnique();
        b.Property(e => e.Title).HasMaxLength(Exhibition.MaxTitleLength).IsRequired();
        b.Property(e => e.Theme).HasMaxLength(200);
        b.Property(e => e.CityCode).HasMaxLength(5).IsRequired();
        b.Property(e => e.BannerUrl).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => e.OrganiserId);
        b.Property(e => e.CreationKey).HasMaxLength(100);
        b.HasIndex(e => new { e.OrganiserId, e.CreationKey }).IsUnique();
        b.HasIndex(e => new { e.Published, e.StartsAt });
        b.HasMany(e => e.Halls).WithOne().HasForeignKey(h => h.ExhibitionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Tiers).WithOne().HasForeignKey(t => t.ExhibitionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Halls).AutoInclude();
        b.Navigation(e => e.Tiers).AutoInclude();
    }
}

internal sealed class ExhibitionHallConfiguration : IEntityTypeConfiguration<ExhibitionHall>
{
    public void Configure(EntityTypeBuilder<ExhibitionHall> b)
    {
        b.ToTable("exhibitions_halls");
        b.HasKey(h => h.Id);
        b.Property(h => h.Name).HasMaxLength(80).IsRequired();
    }
}

internal sealed class BoothTierConfiguration : IEntityTypeConfiguration<BoothTier>
{
    public void Configure(EntityTypeBuilder<BoothTier> b)
    {
        b.ToTable("exhibitions_tiers");
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(50).IsRequired();
        b.Property(t => t.Currency).HasMaxLength(3).IsRequired();
        b.Ignore(t => t.Price);
    }
}
