using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Mapping;
using Marketplace.Catalog.Shops;
using Marketplace.Media.Contracts;
using Marketplace.SharedKernel;

namespace Marketplace.Catalog.Products;

internal sealed record ShopRef(Guid Id, string Slug, string Name, bool Verified)
{
    public static ShopRef Of(Shop shop) => new(shop.Id, shop.Slug, shop.Name, shop.Verified);
}

/// <param name="HalalCertificate">As printed and stored, e.g. ID35110000123450521.</param>
/// <param name="PirtNumber">The 15 digits, e.g. 206357301012325: the form to compare and to send back.</param>
/// <param name="PirtNumberDisplay">As labels print it, e.g. "P-IRT No. 2063573010123-25": the form to show.</param>
/// <param name="BpomNumber">Category and digits, e.g. MD224510101234.</param>
/// <param name="BpomNumberDisplay">As labels print it, e.g. "BPOM RI MD 224510101234".</param>
internal sealed record ProductAttributesResponse(
    string? HalalCertificate,
    string? PirtNumber,
    string? PirtNumberDisplay,
    string? BpomNumber,
    string? BpomNumberDisplay,
    int? ShelfLifeDays,
    IReadOnlyList<string> Materials,
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
    ProductAttributesResponse Attributes,
    CityRef? OriginCity,
    IReadOnlyList<string> ImageUrls,
    IReadOnlyList<MediaImageView> Images,
    ProductStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    RatingSummary Rating)
{
    /// <summary>
    /// A product as shoppers and owners read it, with <c>images</c> empty (the Media module's: <c>CatalogImages</c> fills
    /// them in). Written out by hand rather than mapped: it is on the product page's every uncached read.
    /// </summary>
    public static ProductResponse Of(Product p, ShopRef shop, CatalogNames names) => new(
        p.Id,
        p.ShopId,
        shop,
        p.Name,
        p.NameEn,
        p.Description,
        p.DescriptionEn,
        p.Story,
        p.Price,
        names.Subsector(p.SubsectorCode),
        p.Category,
        p.Stock,
        p.Stock > 0,
        new ProductAttributesResponse(
            p.HalalCertificate,
            p.PirtNumber,
            ProductLicences.DisplayPirt(p.PirtNumber),
            p.BpomNumber,
            ProductLicences.DisplayBpom(p.BpomNumber),
            p.ShelfLifeDays,
            [.. p.Materials],
            p.Handmade),
        names.OptionalCity(p.OriginCityCode),
        [.. p.ImageUrls],
        [],
        p.Status,
        p.CreatedAt,
        p.UpdatedAt,
        p.PublishedAt,
        RatingSummary.Of(p.RatingAverage, p.RatingCount, p.RatingDistribution));
}
