using Marketplace.Insights.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.Insights.Feeding;

/// <summary>What one event adds to (or, negative, takes from) a cell.</summary>
internal readonly record struct CellDelta(
    long Orders = 0, long PaidGmv = 0, long Buyers = 0, long RepeatBuyers = 0, long BuyersOutsideCity = 0, long BuyersOutsideProvince = 0,
    long BuyersAbroad = 0, long Booths = 0, long Leads = 0, long AttributedOrders = 0, long AttributedSales = 0);

/// <summary>
/// Moves the counters with <c>INSERT … ON CONFLICT … DO UPDATE SET x = x + excluded.x</c>: the same statement on SQLite and
/// PostgreSQL, atomic under concurrent consumers and instances, so no handler ever reads a counter to write it back.
/// Run inside the handler's transaction, with its inbox row, so an event counts once or not at all.
/// </summary>
internal sealed class CellWriter(InsightsDbContext db)
{
    private static readonly string[] CellCounters =
    [
        nameof(InsightsCell.Orders), nameof(InsightsCell.PaidGmv), nameof(InsightsCell.Buyers), nameof(InsightsCell.RepeatBuyers),
        nameof(InsightsCell.BuyersOutsideCity), nameof(InsightsCell.BuyersOutsideProvince), nameof(InsightsCell.BuyersAbroad),
        nameof(InsightsCell.Booths), nameof(InsightsCell.Leads), nameof(InsightsCell.AttributedOrders), nameof(InsightsCell.AttributedSales),
    ];

    private string? _cellSql;
    private string? _regionSql;
    private string? _listingSql;
    private string? _buyerSql;

    /// <summary>"16.71" → "16": a regency's BPS code starts with its province's.</summary>
    public static string ProvinceOf(string cityCode) => cityCode.Split('.')[0];

    /// <summary>yyyymm of the Asia/Jakarta month (WIB is a fixed UTC+7).</summary>
    public static int MonthOf(DateTimeOffset at)
    {
        var local = at.ToOffset(TimeSpan.FromHours(7));
        return (local.Year * 100) + local.Month;
    }

    /// <summary>Moves the city's cell and its province's and the country's roll-ups by the same delta.</summary>
    public async Task AddAsync(string city, string subsector, int month, CellDelta d, CancellationToken ct)
    {
        _cellSql ??= UpsertSql<InsightsCell>(
            [nameof(InsightsCell.CityCode), nameof(InsightsCell.ProvinceCode), nameof(InsightsCell.Subsector), nameof(InsightsCell.Month)],
            [nameof(InsightsCell.CityCode), nameof(InsightsCell.Subsector), nameof(InsightsCell.Month)], CellCounters, returning: null);
        // Two rows in one statement: the province's roll-up and the country's (distinct keys, so one upsert may touch both).
        _regionSql ??= UpsertSql<InsightsRegionCell>(
            [nameof(InsightsRegionCell.Region), nameof(InsightsRegionCell.Subsector), nameof(InsightsRegionCell.Month)],
            [nameof(InsightsRegionCell.Region), nameof(InsightsRegionCell.Subsector), nameof(InsightsRegionCell.Month)], CellCounters, returning: null, rows: 2);
        object[] counters = [d.Orders, d.PaidGmv, d.Buyers, d.RepeatBuyers, d.BuyersOutsideCity, d.BuyersOutsideProvince,
            d.BuyersAbroad, d.Booths, d.Leads, d.AttributedOrders, d.AttributedSales];
        await db.Database.ExecuteSqlRawAsync(_cellSql, [city, ProvinceOf(city), subsector, month, .. counters], ct);
        await db.Database.ExecuteSqlRawAsync(_regionSql,
            [ProvinceOf(city), subsector, month, .. counters, InsightsRegionCell.Country, subsector, month, .. counters], ct);
    }

    public Task AddListingAsync(string city, string subsector, long activeShops, long productsListed, CancellationToken ct)
    {
        _listingSql ??= UpsertSql<InsightsListing>(
            [nameof(InsightsListing.CityCode), nameof(InsightsListing.ProvinceCode), nameof(InsightsListing.Subsector)],
            [nameof(InsightsListing.CityCode), nameof(InsightsListing.Subsector)],
            [nameof(InsightsListing.ActiveShops), nameof(InsightsListing.ProductsListed)], returning: null);
        return db.Database.ExecuteSqlRawAsync(_listingSql, [city, ProvinceOf(city), subsector, activeShops, productsListed], ct);
    }

    /// <summary>Counts one more paid order of this buyer in this cell; returns how many they have there now (1 = a new buyer, 2 = now a repeat buyer).</summary>
    public async Task<int> CountBuyerAsync(string city, string subsector, int month, Guid buyerId, CancellationToken ct)
    {
        _buyerSql ??= UpsertSql<InsightsCellBuyer>(
            [nameof(InsightsCellBuyer.CityCode), nameof(InsightsCellBuyer.Subsector), nameof(InsightsCellBuyer.Month), nameof(InsightsCellBuyer.BuyerId)],
            [nameof(InsightsCellBuyer.CityCode), nameof(InsightsCellBuyer.Subsector), nameof(InsightsCellBuyer.Month), nameof(InsightsCellBuyer.BuyerId)],
            [nameof(InsightsCellBuyer.Orders)], returning: nameof(InsightsCellBuyer.Orders));
        // Not composed (no First/Single): RETURNING cannot sit in a subquery.
        var rows = await db.Database.SqlQueryRaw<int>(_buyerSql, city, subsector, month, buyerId, 1).ToListAsync(ct);
        return rows.Single();
    }

    /// <summary>
    /// Rebuilds the province and country roll-ups from the city cells: for data written into the cells directly (the
    /// synthetic data set), not through <see cref="AddAsync"/>.
    /// </summary>
    public async Task RebuildRollupsAsync(CancellationToken ct)
    {
        await db.RegionCells.ExecuteDeleteAsync(ct);
        var (cells, cellColumn) = Table<InsightsCell>();
        var (regions, regionColumn) = Table<InsightsRegionCell>();
        var counters = string.Join(", ", CellCounters.Select(regionColumn));
        var sums = string.Join(", ", CellCounters.Select(c => $"SUM({cellColumn(c)})"));
        var into = $"INSERT INTO {regions} ({regionColumn(nameof(InsightsRegionCell.Region))}, {regionColumn(nameof(InsightsRegionCell.Subsector))}, " +
                   $"{regionColumn(nameof(InsightsRegionCell.Month))}, {counters}) ";
        var (province, subsector, month) = (cellColumn(nameof(InsightsCell.ProvinceCode)), cellColumn(nameof(InsightsCell.Subsector)), cellColumn(nameof(InsightsCell.Month)));
        var byProvince = into + $"SELECT {province}, {subsector}, {month}, {sums} FROM {cells} GROUP BY {province}, {subsector}, {month}";
        var byCountry = into + $"SELECT '', {subsector}, {month}, {sums} FROM {cells} GROUP BY {subsector}, {month}";
        // Identifiers from the model only, no input: nothing to inject.
        await db.Database.ExecuteSqlRawAsync(byProvince, ct);
        await db.Database.ExecuteSqlRawAsync(byCountry, ct);
    }

    /// <summary>
    /// The quoted (schema-qualified) table of <typeparamref name="T"/> and a function quoting its properties' columns, as
    /// the provider quotes them (its <see cref="ISqlGenerationHelper"/>).
    /// </summary>
    private (string Table, Func<string, string> Column) Table<T>()
    {
        var quote = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return (quote.DelimitIdentifier(table.Name, table.Schema), property => quote.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!));
    }

    private string UpsertSql<T>(string[] keys, string[] conflict, string[] counters, string? returning, int rows = 1)
    {
        var quote = db.GetService<ISqlGenerationHelper>();
        var (qualified, Column) = Table<T>();
        // The conflicting row is named by the bare table name (no schema), on both providers.
        var target = quote.DelimitIdentifier(db.Model.FindEntityType(typeof(T))!.GetTableName()!);
        var columns = keys.Concat(counters).Select(Column).ToList();
        var values = string.Join("), (", Enumerable.Range(0, rows)
            .Select(row => string.Join(", ", columns.Select((_, i) => "{" + ((row * columns.Count) + i) + "}"))));
        var updates = string.Join(", ", counters.Select(c => $"{Column(c)} = {target}.{Column(c)} + excluded.{Column(c)}"));
        var sql = $"INSERT INTO {qualified} ({string.Join(", ", columns)}) VALUES ({values}) " +
                  $"ON CONFLICT ({string.Join(", ", conflict.Select(Column))}) DO UPDATE SET {updates}";
        // SqlQueryRaw<int> reads a column named Value.
        return returning is null ? sql : sql + $" RETURNING {Column(returning)} AS {quote.DelimitIdentifier("Value")}";
    }
}
