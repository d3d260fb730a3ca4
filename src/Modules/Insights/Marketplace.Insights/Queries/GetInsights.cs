using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Insights.Persistence;
using Marketplace.SharedKernel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Insights.Queries;

/// <param name="Key">A province code, a city/regency code, or a sub-sector code.</param>
/// <param name="PaidGmv">Paid gross merchandise value in minor units (rupiah × 100).</param>
/// <param name="Buyers">Distinct buyers per city, sub-sector and month, summed (a buyer in three months counts three times).</param>
/// <param name="RepeatBuyers">Of those, buyers with two or more paid orders in the same city, sub-sector and month.</param>
internal sealed record InsightsRow(
    string Key, string Label, long ActiveShops, long ProductsListed, long Orders, long PaidGmv, long Buyers, long RepeatBuyers,
    long BuyersOutsideCity, long BuyersOutsideProvince, long BuyersAbroad);

/// <param name="Month">yyyy-MM, Asia/Jakarta.</param>
internal sealed record InsightsMonth(string Month, long Orders, long PaidGmv);

/// <param name="Booths">Booths the shops opened at exhibitions in the period.</param>
/// <param name="AttributedSales">Minor units.</param>
internal sealed record InsightsExhibitions(long Booths, long Leads, long AttributedOrders, long AttributedSales);

/// <param name="ByRegion">Provinces (no province asked for), the province's cities (a province), or the city.</param>
/// <param name="BySubsector">Each sub-sector within the region and period.</param>
internal sealed record InsightsSummary(
    string? Province, string? City, string? Subsector, string From, string To, string Currency, InsightsRow Total,
    IReadOnlyList<InsightsRow> ByRegion, IReadOnlyList<InsightsRow> BySubsector, IReadOnlyList<InsightsMonth> ByMonth,
    InsightsExhibitions ExhibitionOutcomes, DateTimeOffset GeneratedAt);

/// <summary>
/// The creative economy of a region in numbers, read from the maintained aggregates only: at most (cities × months) cell
/// rows of one sub-sector key, grouped in the store — never the orders — so it answers in milliseconds at any order count.
/// </summary>
internal static class GetInsights
{
    public static async Task<Results<Ok<InsightsSummary>, ProblemHttpResult>> Handle(
        [AsParameters] InsightsQuery query, InsightsDbContext db, IValidator<InsightsQuery> validator, ITaxonomy taxonomy, TimeProvider clock, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var now = clock.GetUtcNow();
        var (from, to) = query.Months(now);
        var province = query.City is { } c ? Feeding.CellWriter.ProvinceOf(c) : query.Province;
        var key = query.SubsectorKey;

        // Rows read: a city's own cells; a province's cities (all-sub-sectors key) plus its roll-up; the country's provinces
        // from the roll-ups. Never every city's cells of every sub-sector, which is what made the country summary slow.
        List<Sums> byRegion, bySubsector;
        List<(int Month, long Orders, long Gmv)> byMonth;
        var cells = Cells(db, query, from, to);
        if (query.City is not null)
        {
            byRegion = await SumAsync(cells.Where(x => x.Subsector == key), x => x.CityCode, ct);
            bySubsector = await SumAsync(OfSubsectors(cells, query), x => x.Subsector, ct);
            byMonth = await MonthsAsync(cells.Where(x => x.Subsector == key), ct);
        }
        else
        {
            var rollup = db.RegionCells.AsNoTracking().Where(x => x.Month >= from && x.Month <= to);
            var region = province ?? InsightsRegionCell.Country;
            var own = rollup.Where(x => x.Region == region);
            byRegion = province is not null
                ? await SumAsync(cells.Where(x => x.Subsector == key), x => x.CityCode, ct)
                : await SumAsync(rollup.Where(x => x.Region != InsightsRegionCell.Country && x.Subsector == key), x => x.Region, ct);
            bySubsector = await SumAsync(own.Where(x => x.Subsector != InsightsCell.AllSubsectors && (query.Subsector == null || x.Subsector == query.Subsector)), x => x.Subsector, ct);
            byMonth = await MonthsAsync(own.Where(x => x.Subsector == key), ct);
        }

        var listings = Listings(db, query);
        var listingsByCity = await listings.Where(x => x.Subsector == key).Select(x => new { x.CityCode, x.ActiveShops, x.ProductsListed }).ToListAsync(ct);
        var listingsBySubsector = await listings.Where(x => x.Subsector != InsightsCell.AllSubsectors && (query.Subsector == null || x.Subsector == query.Subsector))
            .GroupBy(x => x.Subsector).Select(g => new { g.Key, Shops = g.Sum(x => x.ActiveShops), Products = g.Sum(x => x.ProductsListed) }).ToListAsync(ct);

        // Regions: the provinces of the country, the cities of a province, or the one city.
        var byProvince = query.City is null && province is null;
        var regionOf = (string city) => byProvince ? Feeding.CellWriter.ProvinceOf(city) : city;
        var provinceNames = byProvince
            ? (await taxonomy.ListCitiesAsync(ct)).GroupBy(c => c.ProvinceCode).ToDictionary(g => g.Key, g => g.First().ProvinceName, StringComparer.Ordinal)
            : [];
        var regions = new List<InsightsRow>();
        foreach (var code in byRegion.Select(x => x.Key).Concat(listingsByCity.Select(x => regionOf(x.CityCode))).Distinct(StringComparer.Ordinal))
        {
            var sums = byRegion.FirstOrDefault(x => x.Key == code) ?? Sums.Add(code, []);
            var shops = listingsByCity.Where(x => regionOf(x.CityCode) == code).ToList();
            var label = byProvince ? provinceNames.GetValueOrDefault(code, code) : await LabelAsync(taxonomy, code, code, ct);
            regions.Add(sums.Row(label, shops.Sum(x => x.ActiveShops), shops.Sum(x => x.ProductsListed)));
        }

        var subsectorRows = new List<InsightsRow>();
        foreach (var code in bySubsector.Select(s => s.Key).Concat(listingsBySubsector.Select(l => l.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var sums = bySubsector.FirstOrDefault(s => s.Key == code) ?? Sums.Add(code, []);
            var listing = listingsBySubsector.FirstOrDefault(l => l.Key == code);
            var name = (await taxonomy.FindSubsectorAsync(code, ct))?.Name ?? code;
            subsectorRows.Add(sums.Row(name, listing?.Shops ?? 0, listing?.Products ?? 0));
        }

        var total = Sums.Add("total", byRegion);
        var months = new List<InsightsMonth>();
        for (var m = from; m <= to; m = InsightsQuery.AddMonths(m, 1))
        {
            var found = byMonth.FirstOrDefault(x => x.Month == m);
            months.Add(new InsightsMonth(InsightsQuery.MonthText(m), found.Orders, found.Gmv));
        }

        return TypedResults.Ok(new InsightsSummary(
            province, query.City, query.Subsector, InsightsQuery.MonthText(from), InsightsQuery.MonthText(to), Money.DefaultCurrency,
            total.Row("total", listingsByCity.Sum(x => x.ActiveShops), listingsByCity.Sum(x => x.ProductsListed)),
            regions.OrderByDescending(r => r.PaidGmv).ThenBy(r => r.Key, StringComparer.Ordinal).ToList(),
            subsectorRows.OrderByDescending(r => r.PaidGmv).ThenBy(r => r.Key, StringComparer.Ordinal).ToList(),
            months,
            new InsightsExhibitions(total.Booths, total.Leads, total.AttributedOrders, total.AttributedSales),
            now));
    }

    /// <summary>The cells of the region and period asked for (any sub-sector key; callers pick one).</summary>
    public static IQueryable<InsightsCell> Cells(InsightsDbContext db, InsightsQuery query, int from, int to)
    {
        var cells = db.Cells.AsNoTracking().Where(x => x.Month >= from && x.Month <= to);
        if (query.City is { } city)
        {
            cells = cells.Where(x => x.CityCode == city);
        }
        else if (query.Province is { } province)
        {
            cells = cells.Where(x => x.ProvinceCode == province);
        }

        return cells;
    }

    private static IQueryable<InsightsCell> OfSubsectors(IQueryable<InsightsCell> cells, InsightsQuery query) =>
        cells.Where(x => x.Subsector != InsightsCell.AllSubsectors && (query.Subsector == null || x.Subsector == query.Subsector));

    /// <summary>The counters of <paramref name="rows"/> summed per key, in the store.</summary>
    private static Task<List<Sums>> SumAsync<T>(IQueryable<T> rows, System.Linq.Expressions.Expression<Func<T, string>> key, CancellationToken ct)
        where T : CellCounters =>
        rows.GroupBy(key)
            .Select(g => new Sums(g.Key, g.Sum(x => x.Orders), g.Sum(x => x.PaidGmv), g.Sum(x => x.Buyers), g.Sum(x => x.RepeatBuyers),
                g.Sum(x => x.BuyersOutsideCity), g.Sum(x => x.BuyersOutsideProvince), g.Sum(x => x.BuyersAbroad),
                g.Sum(x => x.Booths), g.Sum(x => x.Leads), g.Sum(x => x.AttributedOrders), g.Sum(x => x.AttributedSales)))
            .ToListAsync(ct);

    private static async Task<List<(int Month, long Orders, long Gmv)>> MonthsAsync<T>(IQueryable<T> rows, CancellationToken ct)
        where T : CellCounters
    {
        var months = await rows.GroupBy(x => x.Month).Select(g => new { g.Key, Orders = g.Sum(x => x.Orders), Gmv = g.Sum(x => x.PaidGmv) }).ToListAsync(ct);
        return months.Select(m => (m.Key, m.Orders, m.Gmv)).ToList();
    }

    private static IQueryable<InsightsListing> Listings(InsightsDbContext db, InsightsQuery query)
    {
        var listings = db.Listings.AsNoTracking();
        if (query.City is { } city)
        {
            listings = listings.Where(x => x.CityCode == city);
        }
        else if (query.Province is { } province)
        {
            listings = listings.Where(x => x.ProvinceCode == province);
        }

        return listings;
    }

    /// <summary>A city's name, or (for a province code) the province name its city gives.</summary>
    public static async Task<string> LabelAsync(ITaxonomy taxonomy, string region, string city, CancellationToken ct)
    {
        var info = await taxonomy.FindCityAsync(city, ct);
        return info is null ? region : region.Contains('.', StringComparison.Ordinal) ? info.Name : info.ProvinceName;
    }

    private sealed record Sums(
        string Key, long Orders, long PaidGmv, long Buyers, long RepeatBuyers, long OutsideCity, long OutsideProvince, long Abroad,
        long Booths, long Leads, long AttributedOrders, long AttributedSales)
    {
        public static Sums Add(string key, IEnumerable<Sums> parts)
        {
            var all = parts.ToList();
            return new Sums(key, all.Sum(p => p.Orders), all.Sum(p => p.PaidGmv), all.Sum(p => p.Buyers), all.Sum(p => p.RepeatBuyers),
                all.Sum(p => p.OutsideCity), all.Sum(p => p.OutsideProvince), all.Sum(p => p.Abroad), all.Sum(p => p.Booths), all.Sum(p => p.Leads),
                all.Sum(p => p.AttributedOrders), all.Sum(p => p.AttributedSales));
        }

        public InsightsRow Row(string label, long shops, long products) =>
            new(Key, label, shops, products, Orders, PaidGmv, Buyers, RepeatBuyers, OutsideCity, OutsideProvince, Abroad);
    }
}
