using Marketplace.SharedKernel.Events;

namespace Marketplace.Media.Contracts;

/// <summary>What an image belongs to. The owning module decides who may change it (the Media module asks it).</summary>
public enum MediaOwnerKind
{
    Product,
    Shop,
    Booth,
    Exhibition,
    /// <summary>A buyer's review: its photos of the product as received (the review's author owns them).</summary>
    Review,
}

/// <summary>The place of an image on its owner: a product's photos, a shop's logo, a booth's gallery, …</summary>
public enum MediaSlot
{
    Photo,
    Logo,
    Banner,
    Gallery,
}

public enum MediaImageStatus
{
    /// <summary>Accepted and checked; the variants are being written. URLs are null until then.</summary>
    Processing,
    Ready,
    /// <summary>The variants could not be written (the store failed repeatedly); delete and upload again.</summary>
    Failed,
}

/// <summary>
/// One image as a page shows it: URLs of its three variants (null while processing), the size of the full variant,
/// and its alternative text in Indonesian and English.
/// </summary>
public sealed record MediaImageView(
    Guid Id,
    MediaSlot Slot,
    MediaImageStatus Status,
    string? Thumbnail,
    string? Card,
    string? Full,
    int Width,
    int Height,
    string Alt,
    string AltEn,
    bool Cover,
    int Position);

/// <summary>All images of one owner, in display order, and a revision that changes whenever any of them does.</summary>
public sealed record MediaSet(IReadOnlyList<MediaImageView> Images, long Revision)
{
    public static readonly MediaSet Empty = new([], 0);

    public IReadOnlyList<MediaImageView> InSlot(MediaSlot slot) => Images.Where(i => i.Slot == slot).ToList();

    public MediaImageView? Single(MediaSlot slot) => Images.FirstOrDefault(i => i.Slot == slot);

    /// <summary>The cover photo (or the first one) once its variants exist.</summary>
    public MediaImageView? ReadyCover(MediaSlot slot) =>
        Images.Where(i => i.Slot == slot && i.Status == MediaImageStatus.Ready).OrderByDescending(i => i.Cover).ThenBy(i => i.Position).FirstOrDefault();
}

/// <summary>The Media module's read side for other modules (their responses show the images of what they own).</summary>
public interface IMediaGallery
{
    /// <summary>
    /// True when the views' URLs stop working after a while (pre-signed bucket URLs, <c>Media:S3:UrlMode=Signed</c>): a
    /// consumer may cache views with a page for minutes, but must not keep them in its own store.
    /// </summary>
    bool UrlsExpire { get; }

    /// <summary>The images of each owner asked for; owners without images get <see cref="MediaSet.Empty"/>.</summary>
    Task<IReadOnlyDictionary<Guid, MediaSet>> GetAsync(MediaOwnerKind kind, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct);

    /// <summary>
    /// Each owner's <see cref="MediaSet.ReadyCover"/> in <paramref name="slot"/>, for lists that show one picture per
    /// owner (cart lines, search documents); owners without a ready image are left out.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, MediaImageView>> ReadyCoversAsync(MediaOwnerKind kind, IReadOnlyCollection<Guid> ownerIds, MediaSlot slot, CancellationToken ct);
}

/// <summary>
/// The images of an owner changed: one uploaded, processed, reordered, made cover, re-described or deleted. Carries the
/// owner's new revision; a consumer that caches the owner's page evicts it.
/// </summary>
public sealed record MediaChanged(MediaOwnerKind OwnerKind, Guid OwnerId, long Revision) : IntegrationEvent;
