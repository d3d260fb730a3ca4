using Marketplace.Insights.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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

    public Task AddAsync(string city, string subsector, int month, CellDelta d, CancellationToken ct)
    {
        _cellSql ??= UpsertSql<InsightsCell>(
            [nameof(InsightsCell.CityCode), nameof(InsightsCell.ProvinceCode), nameof(InsightsCell.Subsector), nameof(InsightsCell.Month)],
            [nameof(InsightsCell.CityCode), nameof(InsightsCell.Subsector), nameof(InsightsCell.Month)], CellCounters, returning: null);
        return db.Database.ExecuteSqlRawAsync(_cellSql,
            [city, ProvinceOf(city), subsector, month, d.Orders, d.PaidGmv, d.Buyers, d.RepeatBuyers, d.BuyersOutsideCity, d.BuyersOutsideProvince,
             d.BuyersAbroad, d.Booths, d.Leads, d.AttributedOrders, d.AttributedSales], ct);
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

    private string UpsertSql<T>(string[] keys, string[] conflict, string[] counters, string? returning)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => "\"" + entity.FindProperty(property)!.GetColumnName(table) + "\"";
        var qualified = (table.Schema is null ? "" : "\"" + table.Schema + "\".") + "\"" + table.Name + "\"";
        var columns = keys.Concat(counters).Select(Column).ToList();
        var values = string.Join(", ", columns.Select((_, i) => "{" + i + "}"));
        var updates = string.Join(", ", counters.Select(c => $"{Column(c)} = \"{table.Name}\".{Column(c)} + excluded.{Column(c)}"));
        var sql = $"INSERT INTO {qualified} ({string.Join(", ", columns)}) VALUES ({values}) " +
                  $"ON CONFLICT ({string.Join(", ", conflict.Select(Column))}) DO UPDATE SET {updates}";
        return returning is null ? sql : sql + $" RETURNING {Column(returning)} AS \"Value\"";
    }
}
