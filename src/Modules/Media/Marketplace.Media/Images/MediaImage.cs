using Marketplace.Media.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Media.Images;

/// <summary>One image on one owner (a product photo, a shop logo, …): which blob it shows, where, and its alt text.</summary>
internal sealed class MediaImage
{
    public const int MaxAltLength = 250;

    public Guid Id { get; private set; }

    public MediaOwnerKind OwnerKind { get; private set; }

    public Guid OwnerId { get; private set; }

    public MediaSlot Slot { get; private set; }

    public string BlobHash { get; private set; } = "";

    public MediaBlob Blob { get; private set; } = null!;

    /// <summary>0-based display order within the owner's slot.</summary>
    public int Position { get; set; }

    public bool IsCover { get; set; }

    public string Alt { get; private set; } = "";

    public string AltEn { get; private set; } = "";

    public Guid UploadedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static MediaImage Create(MediaOwnerKind kind, Guid ownerId, MediaSlot slot, string blobHash, int position, bool cover,
        string alt, string altEn, Guid uploadedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        OwnerKind = kind,
        OwnerId = ownerId,
        Slot = slot,
        BlobHash = blobHash,
        Position = position,
        IsCover = cover,
        Alt = alt,
        AltEn = altEn,
        UploadedBy = uploadedBy,
        CreatedAt = now,
    };

    public void Describe(string? alt, string? altEn)
    {
        Alt = alt ?? Alt;
        AltEn = altEn ?? AltEn;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<MediaImage>
    {
        public void Configure(EntityTypeBuilder<MediaImage> b)
        {
            b.ToTable("media_images");
            b.HasKey(x => x.Id);
            b.Property(x => x.OwnerKind).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Slot).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.BlobHash).HasMaxLength(MediaBlob.HashLength);
            b.Property(x => x.Alt).HasMaxLength(MaxAltLength);
            b.Property(x => x.AltEn).HasMaxLength(MaxAltLength);
            // Restrict: the sweeper's delete of a blob fails (and is skipped) if an upload referenced it meanwhile.
            b.HasOne(x => x.Blob).WithMany().HasForeignKey(x => x.BlobHash).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(x => new { x.OwnerKind, x.OwnerId, x.Slot, x.Position });
        }
    }
}

/// <summary>
/// The revision of one owner's images. Every change bumps it (optimistic concurrency), so two uploads racing for the
/// last free photo place cannot both win, and pages that show the images get a new ETag.
/// </summary>
internal sealed class MediaOwner
{
    public MediaOwnerKind Kind { get; private set; }

    public Guid OwnerId { get; private set; }

    public long Revision { get; private set; }

    public static MediaOwner Create(MediaOwnerKind kind, Guid ownerId) => new() { Kind = kind, OwnerId = ownerId };

    public long Bump() => ++Revision;

    internal sealed class Configuration : IEntityTypeConfiguration<MediaOwner>
    {
        public void Configure(EntityTypeBuilder<MediaOwner> b)
        {
            b.ToTable("media_owners");
            b.HasKey(x => new { x.Kind, x.OwnerId });
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Revision).IsConcurrencyToken();
        }
    }
}
