using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Shops;
using Marketplace.Media.Contracts;
using Marketplace.SharedKernel;

namespace Marketplace.Catalog.Products;

internal sealed record ShopRef(Guid Id, string Slug, string Name, bool Verified);

internal sealed record ProductAttributesDto(
    string? HalalCertificate,
    string? PirtNumber,
    string? BpomNumber,
    int? ShelfLifeDays,
    IReadOnlyList<string>? Materials,
    bool? Handmade);

internal sealed record ProductResponse(
    Guid Id,
    Guid ShopId,
    ShopRef Shop,
    string Name,
    string? NameEn,
    string? Description,
    string? DescriptionEn,
    string? Story,
    Money Price,
    SubsectorRef Subsector,
    string? Category,
    int Stock,
    bool InStock,
    ProductAttributesDto Attributes,
    CityRef? OriginCity,
    IReadOnlyList<string> ImageUrls,
    IReadOnlyList<MediaImageView> Images,
    ProductStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt);
