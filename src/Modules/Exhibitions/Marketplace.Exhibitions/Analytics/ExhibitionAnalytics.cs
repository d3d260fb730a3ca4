using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Leads;
using Marketplace.Exhibitions.Persistence;
using Marketplace.Exhibitions.Visits;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Analytics;

internal sealed record LeadCounts(long Total, IReadOnlyDictionary<string, long> ByKind, IReadOnlyDictionary<string, long> ByStatus);

/// <param name="Orders">Paid orders with at least one line attributed to a booth.</param>
/// <param name="Lines">Paid order lines attributed to booths.</param>
internal sealed record SalesSummary(long Orders, long Lines, long Quantity, Money Amount);

internal sealed record BoothStats(Guid BoothId, string ShopName, string Subsector, long Visits, long UniqueVisitors, long Leads, long AddToCarts, long Sales, Money SalesAmount);

internal sealed record TrendingBooth(Guid BoothId, string ShopName, long RecentVisits);

internal sealed record SubsectorStats(string Subsector, int Booths, long Visits, long UniqueVisitors, long Leads, long AddToCarts, long Sales, Money SalesAmount);

/// <param name="Date">The Asia/Jakarta calendar day.</param>
internal sealed record DayStats(string Date, long Visits, long Leads, long AddToCarts, long Sales, Money SalesAmount);

/// <param name="Visits">Counted visits (one per visitor per booth per 30 minutes).</param>
/// <param name="UniqueVisitors">Distinct visitors (HyperLogLog estimate, about 0.8% standard error).</param>
/// <param name="TopBooths">Up to 10 booths by visits, then sales.</param>
/// <param name="Trending">Up to 10 booths by visits over the last 24 hours.</param>
/// <param name="Counters">Which engine answered the live counters: redis or in_process.</param>
internal sealed record AnalyticsResponse(
    Guid ExhibitionId,
    Guid? BoothId,
    long Visits,
    long UniqueVisitors,
    LeadCounts Leads,
    long AddToCarts,
    long AddToCartQuantity,
    SalesSummary Sales,
    IReadOnlyList<BoothStats> TopBooths,
    IReadOnlyList<TrendingBooth> Trending,
    IReadOnlyList<SubsectorStats> BySubsector,
    IReadOnlyList<DayStats> ByDay,
    string Counters,
    DateTimeOffset GeneratedAt);

internal static class ExhibitionAnalytics
{
    public const int TopCount = 10;

    public static async Task<Results<Ok<AnalyticsResponse>, ProblemHttpResult>> ForExhibition(
        Guid id, ClaimsPrincipal user, ExhibitionsDbContext db, IVisitCounters counters, VisitWriter writer, AnalyticsAnswers answers,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var owned = await ExhibitionAccess.EnsureOwnedAsync(db, id, user, ct);
        if (!owned.IsSuccess)
        {
            return owned.Errors.ToProblem();
        }

        await writer.FlushAsync(ct); // visits answered before this call are counted
        return TypedResults.Ok(await CachedAsync(answers, db, counters, id, null, clock.GetUtcNow(), ct));
    }

    public static async Task<Results<Ok<AnalyticsResponse>, ProblemHttpResult>> ForBooth(
        Guid id, ClaimsPrincipal user, ExhibitionsDbContext db, IVisitCounters counters, VisitWriter writer, AnalyticsAnswers answers,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var booth = await db.Booths.AsNoTracking().Where(b => b.Id == id).Select(b => new { b.ExhibitionId, b.OwnerId }).SingleOrDefaultAsync(ct);
        if (booth is null)
        {
            return BoothAccess.NotFound.ToProblem();
        }

        var organiserId = await db.Exhibitions.Where(e => e.Id == booth.ExhibitionId).Select(e => e.OrganiserId).SingleAsync(ct);
        var me = user.UserId();
        if (booth.OwnerId != me && organiserId != me && !user.IsAdmin())
        {
            return BoothAccess.NotExhibitor.ToProblem();
        }

        await writer.FlushAsync(ct);
        return TypedResults.Ok(await CachedAsync(answers, db, counters, booth.ExhibitionId, id, clock.GetUtcNow(), ct));
    }

    /// <summary>The answer computed last, while nothing it reads can have changed (<see cref="AnalyticsAnswers"/>); else a new one.</summary>
    public static Task<AnalyticsResponse> CachedAsync(AnalyticsAnswers answers, ExhibitionsDbContext db, IVisitCounters counters, Guid exhibitionId, Guid? boothId, DateTimeOffset now, CancellationToken ct) =>
        answers.GetAsync(exhibitionId, boothId, now, async () =>
        {
            var answer = await ComputeAsync(db, counters, exhibitionId, boothId, now, ct);
            return (answer, answer.Counters == counters.OwnEngine);
        });

    /// <summary>
    /// Aggregates in the store (GROUP BY booth and by day over indexed columns), unique visitors from the HyperLogLog
    /// counters. Reads only; safe to call as often as a dashboard refreshes.
    /// </summary>
    public static async Task<AnalyticsResponse> ComputeAsync(ExhibitionsDbContext db, IVisitCounters counters, Guid exhibitionId, Guid? boothId, DateTimeOffset now, CancellationToken ct)
    {
        var booths = await db.Booths.AsNoTracking()
            .Where(b => b.ExhibitionId == exhibitionId && (boothId == null || b.Id == boothId))
            .Select(b => new { b.Id, b.ShopName, b.Subsector })
            .ToDictionaryAsync(b => b.Id, ct);

        var visits = db.Visits.AsNoTracking().Where(v => v.ExhibitionId == exhibitionId);
        var leads = db.Leads.AsNoTracking().Where(l => l.ExhibitionId == exhibitionId);
        var activities = db.Activities.AsNoTracking().Where(a => a.ExhibitionId == exhibitionId);
        if (boothId is { } only)
        {
            visits = visits.Where(v => v.BoothId == only);
            leads = leads.Where(l => l.BoothId == only);
            activities = activities.Where(a => a.BoothId == only);
        }

        // From the per-booth-per-day totals (kept with the visit rows), not by grouping every visit; summed in the store,
        // which returns booths + days rows instead of booths × days (reading those rows was half of a call's time).
        var boothDays = db.BoothDays.AsNoTracking().Where(d => d.ExhibitionId == exhibitionId && (boothId == null || d.BoothId == boothId));
        var visitsByBooth = await boothDays.GroupBy(d => d.BoothId).Select(g => new { g.Key, Visits = g.Sum(d => d.Visits) })
            .ToDictionaryAsync(g => g.Key, g => g.Visits, ct);
        var visitsByDay = await boothDays.GroupBy(d => d.Day).Select(g => new { g.Key, Visits = g.Sum(d => d.Visits) })
            .ToDictionaryAsync(g => g.Key, g => g.Visits, ct);
        var leadRows = await leads.GroupBy(l => new { l.BoothId, l.Kind, l.Status, l.Day })
            .Select(g => new { g.Key.BoothId, g.Key.Kind, g.Key.Status, g.Key.Day, Count = g.LongCount() }).ToListAsync(ct);
        var cartRows = await activities.Where(a => a.Kind == ActivityKind.AddToCart).GroupBy(a => new { a.BoothId, a.Day })
            .Select(g => new { g.Key.BoothId, g.Key.Day, Count = g.LongCount(), Quantity = g.Sum(a => (long)a.Quantity) }).ToListAsync(ct);
        var saleRows = await activities.Where(a => a.Kind == ActivityKind.Sale)
            .Select(a => new { a.BoothId, a.OrderId, a.Day, a.Quantity, a.Amount, a.Currency }).ToListAsync(ct);
        var sales = saleRows.Where(s => s.Currency == Money.DefaultCurrency).ToList();

        long VisitsOf(Guid booth) => visitsByBooth.GetValueOrDefault(booth);
        long LeadsOf(Guid booth) => leadRows.Where(l => l.BoothId == booth).Sum(l => l.Count);
        long CartsOf(Guid booth) => cartRows.Where(c => c.BoothId == booth).Sum(c => c.Count);
        long OrdersOf(IEnumerable<Guid> ids)
        {
            var set = ids.ToHashSet();
            return sales.Where(s => set.Contains(s.BoothId)).Select(s => (s.BoothId, s.OrderId)).Distinct().LongCount();
        }

        Money AmountOf(IEnumerable<Guid> ids)
        {
            var set = ids.ToHashSet();
            return Money.Idr(sales.Where(s => set.Contains(s.BoothId)).Sum(s => s.Amount));
        }

        var ranked = booths.Values
            .OrderByDescending(b => VisitsOf(b.Id)).ThenByDescending(b => OrdersOf([b.Id])).ThenBy(b => b.ShopName, StringComparer.Ordinal)
            .Take(TopCount).ToList();
        var subsectors = booths.Values.GroupBy(b => b.Subsector).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Subsector: g.Key, Ids: g.Select(b => b.Id).ToList())).ToList();

        // Before the counts: the engine that answers them last is the one the answer names (and is kept by).
        var trending = new List<TrendingBooth>();
        if (boothId is null)
        {
            var recent = await counters.TrendingAsync(exhibitionId, now, TopCount);
            if (recent is null)
            {
                var since = now.AddHours(-24);
                var rows = await visits.Where(v => v.At >= since).GroupBy(v => v.BoothId)
                    .Select(g => new { g.Key, Count = g.LongCount() }).OrderByDescending(g => g.Count).Take(TopCount).ToListAsync(ct);
                recent = rows.Select(r => (r.Key, r.Count)).ToList();
            }

            trending.AddRange(recent.Where(r => booths.ContainsKey(r.BoothId)).Select(r => new TrendingBooth(r.BoothId, booths[r.BoothId].ShopName, r.Visits)));
        }

        // Every unique-visitor count of the answer in one go: the whole (or the one booth), the top booths, the sub-sectors.
        List<IReadOnlyCollection<Guid>?> groups = [boothId is { } one ? [one] : null];
        groups.AddRange(ranked.Select(b => (IReadOnlyCollection<Guid>?)new[] { b.Id }));
        groups.AddRange(subsectors.Select(s => (IReadOnlyCollection<Guid>?)s.Ids));
        var uniques = await counters.UniqueVisitorsAsync(exhibitionId, groups, ct);

        var top = ranked.Select((b, i) => new BoothStats(b.Id, b.ShopName, b.Subsector, VisitsOf(b.Id), uniques[1 + i],
            LeadsOf(b.Id), CartsOf(b.Id), OrdersOf([b.Id]), AmountOf([b.Id]))).ToList();
        var bySubsector = subsectors.Select((s, i) => new SubsectorStats(s.Subsector, s.Ids.Count, s.Ids.Sum(VisitsOf), uniques[1 + ranked.Count + i],
            s.Ids.Sum(LeadsOf), s.Ids.Sum(CartsOf), OrdersOf(s.Ids), AmountOf(s.Ids))).ToList();

        var days = visitsByDay.Keys.Concat(leadRows.Select(l => l.Day)).Concat(cartRows.Select(c => c.Day)).Concat(sales.Select(s => s.Day)).Distinct().Order();
        var byDay = days.Select(day => new DayStats(
            Jakarta.DayText(day),
            visitsByDay.GetValueOrDefault(day),
            leadRows.Where(l => l.Day == day).Sum(l => l.Count),
            cartRows.Where(c => c.Day == day).Sum(c => c.Count),
            sales.Where(s => s.Day == day).Select(s => (s.BoothId, s.OrderId)).Distinct().LongCount(),
            Money.Idr(sales.Where(s => s.Day == day).Sum(s => s.Amount)))).ToList();

        var unique = uniques[0];
        var leadCounts = new LeadCounts(
            leadRows.Sum(l => l.Count),
            Enum.GetValues<LeadKind>().ToDictionary(k => k.ToString().ToLowerInvariant(), k => leadRows.Where(l => l.Kind == k).Sum(l => l.Count)),
            Enum.GetValues<LeadStatus>().ToDictionary(s => s.ToString().ToLowerInvariant(), s => leadRows.Where(l => l.Status == s).Sum(l => l.Count)));
        var salesSummary = new SalesSummary(
            sales.Where(s => s.OrderId is not null).Select(s => s.OrderId).Distinct().LongCount(),
            sales.Count,
            sales.Sum(s => (long)s.Quantity),
            Money.Idr(sales.Sum(s => s.Amount)));

        return new AnalyticsResponse(exhibitionId, boothId, visitsByBooth.Values.Sum(), unique, leadCounts, cartRows.Sum(c => c.Count), cartRows.Sum(c => c.Quantity),
            salesSummary, top, trending, bySubsector, byDay, counters.Engine, Jakarta.Local(now));
    }
}
