using AutoMapper;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Exhibitions;

namespace Marketplace.Exhibitions.Mapping;

internal sealed class ExhibitionsProfile : Profile
{
    public ExhibitionsProfile()
    {
        CreateMap<BoothTier, TierResponse>()
            .ForCtorParam(nameof(TierResponse.Available), o => o.MapFrom(t => Math.Max(0, t.Capacity - t.Taken)))
            .ForCtorParam(nameof(TierResponse.Price), o => o.MapFrom(t => t.Price));
        CreateMap<ExhibitionHall, HallResponse>();
        CreateMap<BoothApplication, ApplicationResponse>()
            .ForCtorParam(nameof(ApplicationResponse.Tier), o => o.MapFrom(a => a.TierName))
            .ForCtorParam(nameof(ApplicationResponse.ProductIds), o => o.MapFrom(a => a.ProductIds.ToList()));
        CreateMap<Exhibition, ExhibitionResponse>()
            .ForCtorParam(nameof(ExhibitionResponse.CityName), o => o.MapFrom(_ => (string?)null))
            .ForCtorParam(nameof(ExhibitionResponse.StartsAt), o => o.MapFrom(e => Jakarta.Local(e.StartsAt)))
            .ForCtorParam(nameof(ExhibitionResponse.EndsAt), o => o.MapFrom(e => Jakarta.Local(e.EndsAt)))
            .ForCtorParam(nameof(ExhibitionResponse.TimeZone), o => o.MapFrom(_ => Jakarta.TimeZone))
            .ForCtorParam(nameof(ExhibitionResponse.Subsectors), o => o.MapFrom(e => e.Subsectors.ToList()))
            .ForCtorParam(nameof(ExhibitionResponse.Tiers), o => o.MapFrom(e => e.Tiers.OrderBy(t => t.Position)))
            .ForCtorParam(nameof(ExhibitionResponse.Halls), o => o.MapFrom(e => e.Halls.OrderBy(h => h.Position)))
            .ForCtorParam(nameof(ExhibitionResponse.Status), o => o.MapFrom((e, ctx) => e.StatusAt((DateTimeOffset)ctx.Items["now"])))
            .ForCtorParam(nameof(ExhibitionResponse.PublishedAt), o => o.MapFrom(e => e.PublishedAt.HasValue ? Jakarta.Local(e.PublishedAt.Value) : (DateTimeOffset?)null));
    }
}
