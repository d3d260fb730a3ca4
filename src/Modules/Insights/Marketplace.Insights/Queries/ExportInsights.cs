using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Exports;
using Marketplace.Catalog.Contracts;
using Marketplace.Insights.Persistence;
using Marketplace.SharedKernel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Insights.Queries;

/// <summary>
/// The cells behind the summary as a file a Dinas can pivot: one row per city/regency, sub-sector and month in the
/// region and period asked for (sub-sector "" = all sub-sectors). Money in minor units.
/// </summary>
internal static class ExportInsights
{
    public static async Task<IResult> Handle(
        string? format, [AsParameters] InsightsQuery query, InsightsDbContext db, IValidator<InsightsQuery> validator, ITaxonomy taxonomy,
        TimeProvider clock, CancellationToken ct)
    {
        if (!TableExport.TryParse(format ?? "csv", out var chosen))
        {
            return SharedKernel.Errors.Error.Validation("format", "insights.bad_format", "format must be csv or xlsx.").ToProblem();
        }

        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var (from, to) = query.Months(clock.GetUtcNow());
        var cells = GetInsights.Cells(db, query, from, to);
        if (query.Subsector is { } subsector)
        {
            cells = cells.Where(c => c.Subsector == subsector);
        }

        var rows = await cells.OrderBy(c => c.CityCode).ThenBy(c => c.Subsector).ThenBy(c => c.Month).ToListAsync(ct);
        var table = new List<IReadOnlyList<object?>>(rows.Count);
        var names = new Dictionary<string, CityInfo?>(StringComparer.Ordinal);
        foreach (var c in rows)
        {
            if (!names.TryGetValue(c.CityCode, out var city))
            {
                names[c.CityCode] = city = await taxonomy.FindCityAsync(c.CityCode, ct);
            }

            table.Add([
                c.ProvinceCode, city?.ProvinceName, c.CityCode, city?.Name, c.Subsector.Length == 0 ? "*" : c.Subsector, InsightsQuery.MonthText(c.Month),
                c.Orders, c.PaidGmv, Money.DefaultCurrency, c.Buyers, c.RepeatBuyers, c.BuyersOutsideCity, c.BuyersOutsideProvince, c.BuyersAbroad,
                c.Booths, c.Leads, c.AttributedOrders, c.AttributedSales,
            ]);
        }

        var export = new ExportTable("Insights",
            ["province_code", "province", "city_code", "city", "subsector", "month", "orders", "paid_gmv_minor", "currency", "buyers", "repeat_buyers",
             "buyers_outside_city", "buyers_outside_province", "buyers_abroad", "booths", "leads", "attributed_orders", "attributed_sales_minor"], table);
        return TableExport.File(export, chosen, $"insights-{InsightsQuery.MonthText(from)}-{InsightsQuery.MonthText(to)}");
    }
}
