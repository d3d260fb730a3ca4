using Marketplace.Exhibitions.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Exhibitions.Booths;

internal enum ApplicationStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>A merchant's request for a booth at an exhibition, for one of their shops. One per shop per exhibition.</summary>
internal sealed class BoothApplication
{
    public const int MaxPitchLength = 5_000;
    public const int MaxProducts = 20;

    public Guid Id { get; set; }

    public Guid ExhibitionId { get; set; }

    public Guid ShopId { get; set; }

    public Guid MerchantId { get; set; }

    public string ShopName { get; set; } = "";

    public string ShopSlug { get; set; } = "";

    public Guid TierId { get; set; }

    public string TierName { get; set; } = "";

    public string? HallPreference { get; set; }

    /// <summary>Sanitized rich text.</summary>
    public string Pitch { get; set; } = "";

    public List<Guid> ProductIds { get; set; } = [];

    public ApplicationStatus Status { get; set; }

    public string? RejectionReason { get; set; }

    public Guid? BoothId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}

internal enum BoothStatus
{
    Open,
    Closed,
}

/// <summary>An exhibitor's stand at an exhibition: placed in a hall slot, dressed by the merchant.</summary>
internal sealed class Booth
{
    public const int MaxFeatured = 12;
    public const int MaxDocuments = 10;
    public const int MaxLiveSessions = 20;

    public Guid Id { get; set; }

    public Guid ExhibitionId { get; set; }

    public string ExhibitionSlug { get; set; } = "";

    public Guid ShopId { get; set; }

    public Guid OwnerId { get; set; }

    public Guid ApplicationId { get; set; }

    public string ShopName { get; set; } = "";

    public string ShopSlug { get; set; } = "";

    /// <summary>Lower-case shop name and pitch, for the hall directory's text search on SQLite and PostgreSQL alike.</summary>
    public string SearchText { get; set; } = "";

    public string CityCode { get; set; } = "";

    /// <summary>The shop's sub-sectors when the booth opened (directory filter).</summary>
    public List<string> Subsectors { get; set; } = [];

    /// <summary>The one sub-sector analytics file this booth under: the first of the shop's that the exhibition welcomes.</summary>
    public string Subsector { get; set; } = "";

    public Guid TierId { get; set; }

    public string TierName { get; set; } = "";

    public Guid HallId { get; set; }

    public string HallName { get; set; } = "";

    public int HallPosition { get; set; }

    public int Slot { get; set; }

    public string? BannerUrl { get; set; }

    /// <summary>Sanitized rich text.</summary>
    public string? Story { get; set; }

    public List<Guid> FeaturedProductIds { get; set; } = [];

    public string? VideoUrl { get; set; }

    /// <summary>JSON array of <see cref="BoothDocument"/>.</summary>
    public string DocumentsJson { get; set; } = "[]";

    /// <summary>JSON array of <see cref="LiveSession"/>.</summary>
    public string LiveSessionsJson { get; set; } = "[]";

    public string? PromoCode { get; set; }

    public BoothStatus Status { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }

    public IReadOnlyList<BoothDocument> Documents
    {
        get => System.Text.Json.JsonSerializer.Deserialize<List<BoothDocument>>(DocumentsJson, Json) ?? [];
        set => DocumentsJson = System.Text.Json.JsonSerializer.Serialize(value, Json);
    }

    public IReadOnlyList<LiveSession> LiveSessions
    {
        get => System.Text.Json.JsonSerializer.Deserialize<List<LiveSession>>(LiveSessionsJson, Json) ?? [];
        set => LiveSessionsJson = System.Text.Json.JsonSerializer.Serialize(value, Json);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public BoothOpened OpenedEvent(DateTimeOffset now) => new(ExhibitionId, ExhibitionSlug, Id, ShopId, Version) { OccurredAt = now };

    public BoothClosed ClosedEvent(DateTimeOffset now) => new(ExhibitionId, ExhibitionSlug, Id, ShopId, Version) { OccurredAt = now };
}

/// <param name="Title">e.g. "Katalog grosir 2026".</param>
/// <param name="Url">An http(s) link to the document (a catalogue PDF).</param>
internal sealed record BoothDocument(string Title, string Url);

/// <param name="StreamUrl">Where visitors watch (YouTube, Instagram Live, a meeting link).</param>
internal sealed record LiveSession(string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string StreamUrl);

internal sealed class BoothApplicationConfiguration : IEntityTypeConfiguration<BoothApplication>
{
    public void Configure(EntityTypeBuilder<BoothApplication> b)
    {
        b.ToTable("exhibitions_applications");
        b.HasKey(a => a.Id);
        // One application (and so one booth) per shop per exhibition: the database decides between racing requests.
        b.HasIndex(a => new { a.ExhibitionId, a.ShopId }).IsUnique();
        b.HasIndex(a => new { a.ExhibitionId, a.Status });
        b.HasIndex(a => a.MerchantId);
        b.Property(a => a.ShopName).HasMaxLength(100).IsRequired();
        b.Property(a => a.ShopSlug).HasMaxLength(BuildingBlocks.Text.Slug.MaxLength).IsRequired();
        b.Property(a => a.TierName).HasMaxLength(50).IsRequired();
        b.Property(a => a.HallPreference).HasMaxLength(80);
        b.Property(a => a.RejectionReason).HasMaxLength(1000);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class BoothConfiguration : IEntityTypeConfiguration<Booth>
{
    public void Configure(EntityTypeBuilder<Booth> b)
    {
        b.ToTable("exhibitions_booths");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ExhibitionId, x.ShopId }).IsUnique();
        b.HasIndex(x => new { x.HallId, x.Slot }).IsUnique();
        b.HasIndex(x => new { x.ExhibitionId, x.HallPosition, x.Slot });
        b.HasIndex(x => x.ShopId);
        b.Property(x => x.ExhibitionSlug).HasMaxLength(BuildingBlocks.Text.Slug.MaxLength).IsRequired();
        b.Property(x => x.ShopName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ShopSlug).HasMaxLength(BuildingBlocks.Text.Slug.MaxLength).IsRequired();
        b.Property(x => x.SearchText).HasMaxLength(600).IsRequired();
        b.Property(x => x.CityCode).HasMaxLength(5).IsRequired();
        b.Property(x => x.Subsector).HasMaxLength(40).IsRequired();
        b.Property(x => x.TierName).HasMaxLength(50).IsRequired();
        b.Property(x => x.HallName).HasMaxLength(80).IsRequired();
        b.Property(x => x.BannerUrl).HasMaxLength(500);
        b.Property(x => x.VideoUrl).HasMaxLength(500);
        b.Property(x => x.PromoCode).HasMaxLength(50);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Documents);
        b.Ignore(x => x.LiveSessions);
    }
}
