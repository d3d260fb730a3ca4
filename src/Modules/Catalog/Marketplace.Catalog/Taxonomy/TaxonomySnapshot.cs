using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Catalog.Taxonomy;

/// <summary>
/// Sub-sectors, provinces and cities held in memory: about 600 rows that change only when the shipped data does,
/// read on almost every write (validation) and page (names). Loaded once from the store after seeding.
/// </summary>
internal sealed class TaxonomySnapshot(IServiceScopeFactory scopes) : ITaxonomy
{
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private Loaded? _loaded;

    internal sealed record Loaded(
        IReadOnlyList<Subsector> Subsectors,
        IReadOnlyDictionary<string, Subsector> SubsectorsByCode,
        IReadOnlyList<Province> Provinces,
        IReadOnlyDictionary<string, Province> ProvincesByCode,
        IReadOnlyList<City> Cities,
        IReadOnlyDictionary<string, City> CitiesByCode);

    public async Task<Loaded> GetAsync(CancellationToken ct)
    {
        if (_loaded is { } loaded)
        {
            return loaded;
        }

        await _loadGate.WaitAsync(ct);
        try
        {
            if (_loaded is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
                var subsectors = await db.Subsectors.AsNoTracking().OrderBy(s => s.SortOrder).ToListAsync(ct);
                var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
                var cities = await db.Cities.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
                _loaded = new Loaded(
                    subsectors, subsectors.ToDictionary(s => s.Code, StringComparer.Ordinal),
                    provinces, provinces.ToDictionary(p => p.Code, StringComparer.Ordinal),
                    cities, cities.ToDictionary(c => c.Code, StringComparer.Ordinal));
            }

            return _loaded;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    /// <summary>Forgets the snapshot after the reference data was (re)seeded.</summary>
    public void Reset() => _loaded = null;

    public async Task<SubsectorInfo?> FindSubsectorAsync(string code, CancellationToken ct)
    {
        var t = await GetAsync(ct);
        return t.SubsectorsByCode.TryGetValue(code, out var s) ? new SubsectorInfo(s.Code, s.Name, s.NameEn) : null;
    }

    public async Task<CityInfo?> FindCityAsync(string code, CancellationToken ct)
    {
        var t = await GetAsync(ct);
        if (!t.CitiesByCode.TryGetValue(code, out var c))
        {
            return null;
        }

        var province = t.ProvincesByCode.GetValueOrDefault(c.ProvinceCode);
        return new CityInfo(c.Code, c.Name, c.ProvinceCode, province?.Name ?? "");
    }

    public async Task<IReadOnlyList<CityInfo>> ListCitiesAsync(CancellationToken ct)
    {
        var t = await GetAsync(ct);
        return t.Cities.Select(c => new CityInfo(c.Code, c.Name, c.ProvinceCode, t.ProvincesByCode.GetValueOrDefault(c.ProvinceCode)?.Name ?? "")).ToList();
    }

    public async Task<IReadOnlyList<SubsectorInfo>> ListSubsectorsAsync(CancellationToken ct) =>
        (await GetAsync(ct)).Subsectors.Select(s => new SubsectorInfo(s.Code, s.Name, s.NameEn)).ToList();
}
