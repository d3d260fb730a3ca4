using System.Globalization;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.Catalog.Contracts;
using Marketplace.Insights.Feeding;
using Marketplace.Insights.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Insights.Backfill;

/// <summary>
/// <c>insights-synthetic [--orders 1000000] [--months 24] [--buyers 300000] [--seed 7]</c>: the data set of the insights
/// benchmark. N paid orders over the last M months in all 514 cities/regencies (skewed: a few cities sell most) and the
/// 17 sub-sectors are generated in memory and aggregated exactly as the handlers would count them — per cell: orders,
/// GMV, distinct and repeat buyers, buyers from outside the city/province — then written directly into
/// <c>insights_cells</c> and <c>insights_listings</c> (a million orders through the handlers would take the better part
/// of an hour on SQLite; the summary reads only these two tables, so their size, not how they were filled, is what the
/// benchmark measures). Replaces what those tables held.
/// </summary>
internal sealed class SyntheticInsightsVerb : ICommandLineVerb
{
    public string Name => "insights-synthetic";

    public string Description => "insights aggregates of N synthetic paid orders over M months in every regency (--orders N --months M)";

    public async Task<int> RunAsync(IServiceProvider services, string[] arguments, CancellationToken ct)
    {
        string? Arg(string name) => arguments.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var orders = int.Parse(Arg("--orders") ?? "1000000", CultureInfo.InvariantCulture);
        var months = int.Parse(Arg("--months") ?? "24", CultureInfo.InvariantCulture);
        var buyers = int.Parse(Arg("--buyers") ?? "300000", CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(Arg("--seed") ?? "7", CultureInfo.InvariantCulture));
        if (orders is < 0 or > 20_000_000 || months is < 1 or > 120 || buyers < 1)
        {
            await Console.Error.WriteLineAsync("--orders 0..20000000, --months 1..120, --buyers >= 1.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var taxonomy = scope.ServiceProvider.GetRequiredService<ITaxonomy>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var cities = await taxonomy.ListCitiesAsync(ct);
        var subsectors = (await taxonomy.ListSubsectorsAsync(ct)).Select(s => s.Code).ToList();
        var lastMonth = CellWriter.MonthOf(clock.GetUtcNow());
        var monthKeys = Enumerable.Range(0, months).Select(i => Queries.InsightsQuery.AddMonths(lastMonth, -i)).ToArray();

        var cells = new Dictionary<(int City, int Subsector, int Month), InsightsCell>();
        var seen = new Dictionary<long, byte>();
        InsightsCell Cell(int city, int subsector, int month)
        {
            if (!cells.TryGetValue((city, subsector, month), out var cell))
            {
                cells[(city, subsector, month)] = cell = new InsightsCell
                {
                    CityCode = cities[city].Code,
                    ProvinceCode = cities[city].ProvinceCode,
                    Subsector = subsector < 0 ? InsightsCell.AllSubsectors : subsectors[subsector],
                    Month = monthKeys[month],
                };
            }

            return cell;
        }

        void Count(int city, int subsector, int month, int buyer, long amount, bool outsideCity, bool outsideProvince, long attributed)
        {
            var cell = Cell(city, subsector, month);
            cell.Orders++;
            cell.PaidGmv += amount;
            var key = ((((long)city * 18) + subsector + 1) * 128 + month) * 1_000_000L + buyer;
            var count = seen.GetValueOrDefault(key);
            seen[key] = (byte)Math.Min(count + 1, 2);
            if (count == 0)
            {
                cell.Buyers++;
                cell.BuyersOutsideCity += outsideCity ? 1 : 0;
                cell.BuyersOutsideProvince += outsideProvince ? 1 : 0;
            }
            else if (count == 1)
            {
                cell.RepeatBuyers++;
            }

            cell.AttributedOrders += attributed > 0 ? 1 : 0;
            cell.AttributedSales += attributed;
        }

        for (var i = 0; i < orders; i++)
        {
            // Skewed: the square of a uniform number favours the first cities (the big ones come first in code order often enough).
            var r = random.NextDouble();
            var city = (int)(r * r * cities.Count);
            var subsector = (int)(Math.Pow(random.NextDouble(), 1.5) * subsectors.Count);
            var month = random.Next(months);
            var buyer = random.Next(buyers);
            var amount = random.NextInt64(500, 50_000) * 1_000; // Rp5.000 to Rp500.000, in minor units
            var where = random.Next(10);
            var attributed = random.Next(20) == 0 ? amount : 0;
            Count(city, -1, month, buyer, amount, where >= 7, where >= 9, attributed);
            Count(city, subsector, month, buyer, amount, where >= 7, where >= 9, attributed);
        }

        var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
        await db.Cells.ExecuteDeleteAsync(ct);
        await db.Listings.ExecuteDeleteAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var batch in cells.Values.Chunk(5_000))
        {
            foreach (var cell in batch)
            {
                cell.Booths = cell.Orders / 200;
                cell.Leads = cell.Orders / 40;
            }

            db.Cells.AddRange(batch);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var listings = new List<InsightsListing>();
        foreach (var city in cities)
        {
            var total = new InsightsListing { CityCode = city.Code, ProvinceCode = city.ProvinceCode, Subsector = InsightsCell.AllSubsectors };
            foreach (var subsector in subsectors)
            {
                var shops = random.Next(0, 40);
                var listing = new InsightsListing { CityCode = city.Code, ProvinceCode = city.ProvinceCode, Subsector = subsector, ActiveShops = shops, ProductsListed = shops * random.Next(3, 15) };
                total.ActiveShops += shops;
                total.ProductsListed += listing.ProductsListed;
                listings.Add(listing);
            }

            listings.Add(total);
        }

        db.Listings.AddRange(listings);
        await db.SaveChangesAsync(ct);
        await new CellWriter(db).RebuildRollupsAsync(ct);
        Console.WriteLine($"insights-synthetic: {orders} orders over {months} months in {cities.Count} regencies -> {cells.Count} cells, {listings.Count} listings.");
        return 0;
    }
}
