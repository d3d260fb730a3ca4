using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Exports;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.Exhibitions.Visits;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Analytics;

/// <summary>
/// What an organiser hands on (to the Dinas, the mayor): every booth with its results, the leads, the daily totals — as
/// CSV or XLSX (<c>?format=csv|xlsx</c>). Only the exhibition's organiser (or an admin) may download them. Money columns
/// are integer minor units (rupiah × 100) with the currency beside them.
/// </summary>
internal static class ExhibitionExports
{
    private static readonly Error BadFormat = Error.Validation("format", "exhibitions.export.bad_format", "format must be csv or xlsx.");

    /// <summary>Every booth (open or closed) with visits, unique visitors, leads, add-to-carts and attributed paid sales.</summary>
    public static async Task<IResult> Booths(
        Guid id, string? format, ClaimsPrincipal user, ExhibitionsDbContext db, IVisitCounters counters, VisitWriter writer, CancellationToken ct)
    {
        var (exhibition, chosen, problem) = await CheckAsync(id, format, user, db, ct);
        if (problem is not null)
        {
            return problem;
        }

        await writer.FlushAsync(ct); // visits answered before the export are in it

        var booths = await db.Booths.AsNoTracking().Where(b => b.ExhibitionId == id)
            .OrderBy(b => b.HallPosition).ThenBy(b => b.Slot)
            .Select(b => new { b.Id, b.ShopName, b.ShopSlug, b.Subsector, b.CityCode, b.HallName, b.Slot, b.TierName, b.Status })
            .ToListAsync(ct);
        var visits = await db.BoothDays.AsNoTracking().Where(d => d.ExhibitionId == id).GroupBy(d => d.BoothId)
            .Select(g => new { g.Key, Visits = g.Sum(d => d.Visits) }).ToDictionaryAsync(g => g.Key, g => g.Visits, ct);
        var leads = await db.Leads.AsNoTracking().Where(l => l.ExhibitionId == id).GroupBy(l => l.BoothId)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var carts = await db.Activities.AsNoTracking().Where(a => a.ExhibitionId == id && a.Kind == ActivityKind.AddToCart).GroupBy(a => a.BoothId)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var sales = await db.Activities.AsNoTracking()
            .Where(a => a.ExhibitionId == id && a.Kind == ActivityKind.Sale && a.Currency == Money.DefaultCurrency)
            .Select(a => new { a.BoothId, a.OrderId, a.Amount }).ToListAsync(ct);
        var salesByBooth = sales.GroupBy(s => s.BoothId).ToDictionary(
            g => g.Key, g => (Orders: g.Where(s => s.OrderId != null).Select(s => s.OrderId).Distinct().LongCount(), Amount: g.Sum(s => s.Amount)));

        // Every booth's unique visitors in one go (with Redis, one round trip instead of one per booth).
        var uniques = await counters.UniqueVisitorsAsync(id, booths.Select(b => (IReadOnlyCollection<Guid>?)new[] { b.Id }).ToList(), ct);
        var rows = new List<IReadOnlyList<object?>>(booths.Count);
        foreach (var (b, unique) in booths.Zip(uniques))
        {
            var sold = salesByBooth.GetValueOrDefault(b.Id);
            rows.Add([
                b.Id.ToString(), b.HallName, b.Slot, b.TierName, b.ShopName, b.ShopSlug, b.Subsector, b.CityCode,
                b.Status.ToString().ToLowerInvariant(), visits.GetValueOrDefault(b.Id), unique,
                leads.GetValueOrDefault(b.Id), carts.GetValueOrDefault(b.Id), sold.Orders, sold.Amount, Money.DefaultCurrency,
            ]);
        }

        var table = new ExportTable("Booths",
            ["booth_id", "hall", "slot", "tier", "shop", "shop_slug", "subsector", "city_code", "status", "visits", "unique_visitors",
             "leads", "add_to_carts", "paid_orders", "paid_sales_minor", "currency"], rows);
        return TableExport.File(table, chosen, $"{exhibition!.Slug}-booths");
    }

    /// <summary>
    /// The leads, without the visitor's name, contact, company or message: those were given to the exhibitor, not to the
    /// organiser (the export is meant to be passed around). Kind, status, product, quantity and city say what was asked.
    /// </summary>
    public static async Task<IResult> Leads(
        Guid id, string? format, ClaimsPrincipal user, ExhibitionsDbContext db, CancellationToken ct)
    {
        var (exhibition, chosen, problem) = await CheckAsync(id, format, user, db, ct);
        if (problem is not null)
        {
            return problem;
        }

        var shops = await db.Booths.AsNoTracking().Where(b => b.ExhibitionId == id).Select(b => new { b.Id, b.ShopName })
            .ToDictionaryAsync(b => b.Id, b => b.ShopName, ct);
        var leads = await db.Leads.AsNoTracking().Where(l => l.ExhibitionId == id).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.BoothId, l.CreatedAt, l.Kind, l.Status, l.ProductName, l.Quantity, l.ShippingCityCode, l.QuotedAmount, l.Currency })
            .ToListAsync(ct);
        var rows = leads.Select(l => (IReadOnlyList<object?>)[
            l.Id.ToString(), Jakarta.Local(l.CreatedAt), l.BoothId.ToString(), shops.GetValueOrDefault(l.BoothId), l.Kind.ToString().ToLowerInvariant(),
            l.Status.ToString().ToLowerInvariant(), l.ProductName, l.Quantity, l.ShippingCityCode, l.QuotedAmount, l.QuotedAmount is null ? null : l.Currency,
        ]).ToList();
        var table = new ExportTable("Leads",
            ["lead_id", "created_at_wib", "booth_id", "shop", "kind", "status", "product", "quantity", "shipping_city_code", "quoted_price_minor", "currency"], rows);
        return TableExport.File(table, chosen, $"{exhibition!.Slug}-leads");
    }

    /// <summary>One row per Asia/Jakarta day: visits, leads, add-to-carts, paid orders and their amount.</summary>
    public static async Task<IResult> Days(
        Guid id, string? format, ClaimsPrincipal user, ExhibitionsDbContext db, IVisitCounters counters, VisitWriter writer,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var (exhibition, chosen, problem) = await CheckAsync(id, format, user, db, ct);
        if (problem is not null)
        {
            return problem;
        }

        await writer.FlushAsync(ct);

        var analytics = await ExhibitionAnalytics.ComputeAsync(db, counters, id, null, clock.GetUtcNow(), ct);
        var rows = analytics.ByDay.Select(d => (IReadOnlyList<object?>)[
            d.Date, d.Visits, d.Leads, d.AddToCarts, d.Sales, d.SalesAmount.Amount, d.SalesAmount.Currency,
        ]).ToList();
        var table = new ExportTable("Days", ["date_wib", "visits", "leads", "add_to_carts", "paid_orders", "paid_sales_minor", "currency"], rows);
        return TableExport.File(table, chosen, $"{exhibition!.Slug}-days");
    }

    private static async Task<(Exhibition? Exhibition, ExportFormat Format, IResult? Problem)> CheckAsync(
        Guid id, string? format, ClaimsPrincipal user, ExhibitionsDbContext db, CancellationToken ct)
    {
        var found = await ExhibitionAccess.FindOwnedAsync(db, id, user, ct);
        if (!found.IsSuccess)
        {
            return (null, default, found.Errors.ToProblem());
        }

        if (!TableExport.TryParse(format ?? "csv", out var chosen))
        {
            return (null, default, BadFormat.ToProblem());
        }

        return (found.Value, chosen, null);
    }
}
