using AutoMapper;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Media.Contracts;

namespace Marketplace.Catalog.Mapping;

internal sealed class CatalogProfile : Profile
{
    public CatalogProfile()
    {
        CreateMap<Shop, ShopResponse>()
            .ForCtorParam(nameof(ShopResponse.City), o => o.MapFrom((s, ctx) => CatalogNames.From(ctx).City(s.CityCode)))
            .ForCtorParam(nameof(ShopResponse.Subsectors), o => o.MapFrom((s, ctx) => s.Subsectors.Select(CatalogNames.From(ctx).Subsector).ToList()))
            .ForCtorParam(nameof(ShopResponse.ShippingFlatRate), o => o.MapFrom(s => s.ShippingFlatRate))
            .ForCtorParam(nameof(ShopResponse.Rating), o => o.MapFrom(s => RatingSummary.Of(s.RatingAverage, s.RatingCount, s.RatingDistribution)))
            // Images belong to the Media module; CatalogImages fills them in from IMediaGallery.
            .ForCtorParam(nameof(ShopResponse.Logo), o => o.MapFrom(_ => (MediaImageView?)null))
            .ForCtorParam(nameof(ShopResponse.Banner), o => o.MapFrom(_ => (MediaImageView?)null));

        CreateMap<Shop, ShopRef>();

        CreateMap<Product, ProductAttributesResponse>()
            .ForCtorParam(nameof(ProductAttributesResponse.PirtNumberDisplay), o => o.MapFrom(p => ProductLicences.DisplayPirt(p.PirtNumber)))
            .ForCtorParam(nameof(ProductAttributesResponse.BpomNumberDisplay), o => o.MapFrom(p => ProductLicences.DisplayBpom(p.BpomNumber)))
            .ForCtorParam(nameof(ProductAttributesResponse.Materials), o => o.MapFrom(p => p.Materials.ToList()));

        CreateMap<Product, ProductResponse>()
            .ForCtorParam(nameof(ProductResponse.Shop), o => o.MapFrom((p, ctx) => ctx.Mapper.Map<ShopRef>(CatalogNames.ShopFrom(ctx))))
            .ForCtorParam(nameof(ProductResponse.Price), o => o.MapFrom(p => p.Price))
            .ForCtorParam(nameof(ProductResponse.Subsector), o => o.MapFrom((p, ctx) => CatalogNames.From(ctx).Subsector(p.SubsectorCode)))
            .ForCtorParam(nameof(ProductResponse.InStock), o => o.MapFrom(p => p.Stock > 0))
            .ForCtorParam(nameof(ProductResponse.Attributes), o => o.MapFrom((p, ctx) => ctx.Mapper.Map<ProductAttributesResponse>(p)))
            .ForCtorParam(nameof(ProductResponse.OriginCity), o => o.MapFrom((p, ctx) => CatalogNames.From(ctx).OptionalCity(p.OriginCityCode)))
            .ForCtorParam(nameof(ProductResponse.ImageUrls), o => o.MapFrom(p => p.ImageUrls.ToList()))
            .ForCtorParam(nameof(ProductResponse.Rating), o => o.MapFrom(p => RatingSummary.Of(p.RatingAverage, p.RatingCount, p.RatingDistribution)))
            .ForCtorParam(nameof(ProductResponse.Images), o => o.MapFrom(_ => Array.Empty<MediaImageView>()));
    }
}
