using Marketplace.Catalog.Contracts;
using Marketplace.Media.Contracts;
using Marketplace.SharedKernel;

namespace Marketplace.Catalog.Shops;

internal sealed record CityRef(string Code, string Name, string ProvinceCode, string ProvinceName);

internal sealed record SubsectorRef(string Code, string Name);

/// <summary>The rating of a product or shop from its visible reviews.</summary>
/// <param name="Average">Mean stars, 0 when there are no reviews yet.</param>
/// <param name="Distribution">How many reviews gave 1, 2, 3, 4 and 5 stars.</param>
internal sealed record RatingSummary(double Average, int Count, IReadOnlyList<int> Distribution)
{
    public static RatingSummary Of(double average, int count, IReadOnlyList<int> distribution) =>
        new(average, count, distribution.Count == 5 ? distribution.ToList() : [0, 0, 0, 0, 0]);
}

/// <param name="SuspensionReason">Why an admin suspended the shop; only its owner and admins ever see a suspended shop.</param>
internal sealed record ShopResponse(
    Guid Id,
    string Slug,
    string Name,
    string? Story,
    CityRef City,
    IReadOnlyList<SubsectorRef> Subsectors,
    string? ContactPhone,
    string? ContactEmail,
    Money ShippingFlatRate,
    ShopStatus Status,
    bool Verified,
    DateTimeOffset? VerifiedAt,
    MediaImageView? Logo,
    MediaImageView? Banner,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    RatingSummary Rating,
    string? SuspensionReason);
