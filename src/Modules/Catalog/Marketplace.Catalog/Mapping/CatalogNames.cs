using AutoMapper;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Taxonomy;

namespace Marketplace.Catalog.Mapping;

/// <summary>
/// Turns taxonomy codes into the names shoppers read. Passed to AutoMapper through the mapping context, since
/// entities store codes and responses show names.
/// </summary>
internal sealed class CatalogNames(TaxonomySnapshot.Loaded taxonomy)
{
    public const string ItemKey = "names";

    public static async Task<CatalogNames> LoadAsync(TaxonomySnapshot snapshot, CancellationToken ct) =>
        new(await snapshot.GetAsync(ct));

    public CityRef City(string code)
    {
        var city = taxonomy.CitiesByCode.GetValueOrDefault(code);
        var province = city is null ? null : taxonomy.ProvincesByCode.GetValueOrDefault(city.ProvinceCode);
        return new CityRef(code, city?.Name ?? code, city?.ProvinceCode ?? "", province?.Name ?? "");
    }

    public CityRef? OptionalCity(string? code) => code is null ? null : City(code);

    public SubsectorRef Subsector(string code) =>
        new(code, taxonomy.SubsectorsByCode.GetValueOrDefault(code)?.Name ?? code);

    public T Map<T>(IMapper mapper, object source) =>
        mapper.Map<T>(source, options => options.Items[ItemKey] = this);

    public static CatalogNames From(ResolutionContext context) => (CatalogNames)context.Items[ItemKey];
}
