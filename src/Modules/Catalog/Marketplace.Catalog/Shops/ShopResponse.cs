using Marketplace.Catalog.Contracts;
using Marketplace.Media.Contracts;
using Marketplace.SharedKernel;

namespace Marketplace.Catalog.Shops;

internal sealed record CityRef(string Code, string Name, string ProvinceCode, string ProvinceName);

internal sealed record SubsectorRef(string Code, string Name);

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
    DateTimeOffset UpdatedAt);
