using AutoMapper;
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
    }
}
