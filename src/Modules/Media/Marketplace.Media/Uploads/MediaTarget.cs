using System.Security.Claims;
using Marketplace.Catalog.Contracts;
using Marketplace.Engagement.Contracts;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Media.Contracts;
using Marketplace.Media.Processing;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;

namespace Marketplace.Media.Uploads;

/// <summary>
/// A place images go: its route, owner kind and slot, how many it holds, and whether a new upload replaces the old
/// one (logo, banners) or joins the others (product photos, booth gallery). <see cref="Policy"/> is the role-based
/// policy its changes need on top of owning it; null for places any signed-in user may own (a review's photos belong to
/// its author, a shopper).
/// </summary>
internal sealed record MediaTarget(string Name, string Route, MediaOwnerKind Kind, MediaSlot Slot, int MaxImages, string? Policy, string Describes)
{
    public bool Replaces => MaxImages == 1;

    public static readonly MediaTarget ProductPhoto = new("ProductPhoto", "/products/{id:guid}/images", MediaOwnerKind.Product, MediaSlot.Photo, 8, Policies.Merchant, "a product's photos (up to 8; the first is the cover until another is chosen)");
    public static readonly MediaTarget ShopLogo = new("ShopLogo", "/shops/{id:guid}/logo", MediaOwnerKind.Shop, MediaSlot.Logo, 1, Policies.Merchant, "a shop's logo (a new one replaces the old)");
    public static readonly MediaTarget ShopBanner = new("ShopBanner", "/shops/{id:guid}/banner", MediaOwnerKind.Shop, MediaSlot.Banner, 1, Policies.Merchant, "a shop's banner (a new one replaces the old)");
    public static readonly MediaTarget BoothBanner = new("BoothBanner", "/booths/{id:guid}/banner", MediaOwnerKind.Booth, MediaSlot.Banner, 1, Policies.Merchant, "a booth's banner (a new one replaces the old)");
    public static readonly MediaTarget BoothGallery = new("BoothGallery", "/booths/{id:guid}/gallery", MediaOwnerKind.Booth, MediaSlot.Gallery, 12, Policies.Merchant, "a booth's gallery (up to 12)");
    public static readonly MediaTarget ExhibitionBanner = new("ExhibitionBanner", "/exhibitions/{id:guid}/banner", MediaOwnerKind.Exhibition, MediaSlot.Banner, 1, Policies.Organiser, "an exhibition's banner (a new one replaces the old)");

    public static readonly MediaTarget ReviewPhoto = new("ReviewPhoto", "/reviews/{id:guid}/photos", MediaOwnerKind.Review, MediaSlot.Photo, 6, null, "a review's photos of the product as received (up to 6; the review's author only)");

    public static readonly IReadOnlyList<MediaTarget> All = [ProductPhoto, ShopLogo, ShopBanner, BoothBanner, BoothGallery, ExhibitionBanner, ReviewPhoto];

    public static MediaTarget For(MediaOwnerKind kind, MediaSlot slot) => All.Single(t => t.Kind == kind && t.Slot == slot);
}

/// <summary>
/// Who may change an owner's images: the module that owns the thing decides, asked through its Contracts (the Catalog
/// for products and shops, Exhibitions for booths and exhibitions, Engagement for reviews). A deleted product, a hidden
/// review or an unknown id is 404.
/// </summary>
internal sealed class OwnerAccess(ICatalogReader catalog, IServiceProvider services)
{
    public async Task<Error?> CheckAsync(MediaOwnerKind kind, Guid ownerId, ClaimsPrincipal user, CancellationToken ct)
    {
        var owner = await FindOwnerAsync(kind, ownerId, ct);
        if (owner is null)
        {
            return MediaErrors.OwnerNotFound;
        }

        return owner == user.UserId() ? null : MediaErrors.NotOwner;
    }

    /// <summary>The user who owns it, or null when it does not exist (or is deleted).</summary>
    public async Task<Guid?> FindOwnerAsync(MediaOwnerKind kind, Guid ownerId, CancellationToken ct)
    {
        switch (kind)
        {
            case MediaOwnerKind.Product:
                var product = (await catalog.GetProductsAsync([ownerId], ct)).SingleOrDefault();
                if (product is null || product.Status == ProductStatus.Deleted)
                {
                    return null;
                }

                return (await catalog.GetShopAsync(product.ShopId, ct))?.OwnerId;
            case MediaOwnerKind.Shop:
                return (await catalog.GetShopAsync(ownerId, ct))?.OwnerId;
            case MediaOwnerKind.Booth:
                return Exhibitions() is { } booths ? (await booths.GetBoothOwnershipAsync(ownerId, ct))?.OwnerId : null;
            case MediaOwnerKind.Exhibition:
                return Exhibitions() is { } directory ? await directory.GetOrganiserOfAsync(ownerId, ct) : null;
            case MediaOwnerKind.Review:
                return services.GetService<IReviewAuthors>() is { } reviews ? await reviews.GetAuthorOfAsync(ownerId, ct) : null;
            default:
                return null;
        }
    }

    // Optional: a host without the Exhibitions (or Engagement) module simply has no booths, exhibitions (or reviews) to decorate.
    private IExhibitorDirectory? Exhibitions() => services.GetService<IExhibitorDirectory>();
}
