using Marketplace.SharedKernel;

namespace Marketplace.Catalog.Contracts;

public enum ShopStatus
{
    Active,
    Suspended,
}

public enum ProductStatus
{
    Draft,
    Published,
    Deleted,
}

/// <summary>What other modules may know about a shop.</summary>
public sealed record ShopSummary(
    Guid Id,
    Guid OwnerId,
    string Slug,
    string Name,
    string CityCode,
    IReadOnlyList<string> Subsectors,
    ShopStatus Status,
    bool Verified,
    Money ShippingFlatRate);

/// <summary>What carts and orders need of a product: name, price, stock, and whether it can be sold now.</summary>
public sealed record ProductSummary(
    Guid Id,
    Guid ShopId,
    string ShopSlug,
    string ShopName,
    string Name,
    Money Price,
    int Stock,
    string Subsector,
    ProductStatus Status,
    ShopStatus ShopStatus,
    string? ImageUrl)
{
    /// <summary>Published, not deleted, and its shop is active.</summary>
    public bool IsSellable => Status == ProductStatus.Published && ShopStatus == ShopStatus.Active;
}

/// <summary>
/// Everything a search engine indexes about one product, denormalised (shop, city, province, sub-sector names).
/// <see cref="IsSearchable"/> is false for drafts, deleted products and products of suspended shops.
/// </summary>
/// <param name="RatingAverage">Mean stars of the visible reviews (0 without reviews), for <c>sort=rating</c> and <c>minRating</c>.</param>
/// <param name="RatingCount">How many visible reviews.</param>
public sealed record ProductSearchDocument(
    Guid ProductId,
    Guid ShopId,
    string ShopSlug,
    string ShopName,
    bool ShopVerified,
    string Name,
    string? NameEn,
    string? Description,
    string? DescriptionEn,
    string? StoryText,
    string? Category,
    IReadOnlyList<string> Materials,
    string SubsectorCode,
    string SubsectorName,
    string CityCode,
    string CityName,
    string ProvinceCode,
    string ProvinceName,
    Money Price,
    int Stock,
    bool Halal,
    bool Handmade,
    string? ImageUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    long Version,
    bool IsSearchable,
    double RatingAverage = 0,
    int RatingCount = 0);

public sealed record SubsectorInfo(string Code, string Name, string NameEn);

public sealed record CityInfo(string Code, string Name, string ProvinceCode, string ProvinceName);
