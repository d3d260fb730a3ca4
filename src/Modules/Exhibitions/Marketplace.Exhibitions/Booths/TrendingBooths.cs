using System.Security.Claims;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.Exhibitions.Visits;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Exhibitions.Booths;

/// <param name="Items">Open booths, most visited over the last 24 hours first (rank = position). No counts: a booth's
/// visits are its exhibitor's and the organiser's numbers.</param>
/// <param name="WindowHours">The window the ranking looks at.</param>
internal sealed record TrendingBoothsResponse(IReadOnlyList<BoothListItem> Items, int WindowHours);

/// <summary>
/// <c>GET /exhibitions/{id}/booths/trending?top=</c>: the hall's "trending booths" for visitors. The ranking is the one
/// the organiser's analytics shows (counted visits over the last 24 hours, from the visit counters, the store when they
/// keep no trend), reduced to the order of open booths. Cached for a minute per exhibition and size (a hall page is the
/// busiest page of a live exhibition; a minute-old ranking is still the ranking), and public for a minute to browsers
/// and proxies once the exhibition is published.
/// </summary>
internal static class TrendingBooths
{
    public const int WindowHours = 24;
    public const int MaxTop = 10;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <param name="top">How many booths, 1–10 (default 5).</param>
    public static async Task<Results<Ok<TrendingBoothsResponse>, ProblemHttpResult>> Handle(
        Guid id, int? top, ClaimsPrincipal user, HttpResponse response, ExhibitionsDbContext db, IVisitCounters counters, VisitWriter writer,
        ReadThroughCache cache, [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var size = top ?? 5;
        if (size is < 1 or > MaxTop)
        {
            return Error.Validation("top", "exhibitions.trending.top", $"top is between 1 and {MaxTop}.").ToProblem();
        }

        var exhibition = await db.Exhibitions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (exhibition is null || !ExhibitionAccess.CanSee(exhibition, user))
        {
            return ExhibitionAccess.NotFound.ToProblem();
        }

        var items = await cache.GetOrCreateAsync($"exhibitions:trending:{id:N}:{size}", [], async token =>
        {
            await writer.FlushAsync(token); // visits already answered are in the ranking
            return await RankAsync(db, counters, id, size, clock.GetUtcNow(), token);
        }, Lifetime, ct);

        if (exhibition.Published)
        {
            response.Headers.CacheControl = "public, max-age=60";
        }

        return TypedResults.Ok(new TrendingBoothsResponse(items, WindowHours));
    }

    private static async Task<List<BoothListItem>> RankAsync(ExhibitionsDbContext db, IVisitCounters counters, Guid exhibitionId, int size, DateTimeOffset now, CancellationToken ct)
    {
        // Asks for more than shown: closed booths drop out below.
        var wanted = size * 2;
        var ranked = await counters.TrendingAsync(exhibitionId, now, wanted);
        if (ranked is null)
        {
            var since = now.AddHours(-WindowHours);
            var rows = await db.Visits.AsNoTracking().Where(v => v.ExhibitionId == exhibitionId && v.At >= since).GroupBy(v => v.BoothId)
                .Select(g => new { g.Key, Count = g.LongCount() }).OrderByDescending(g => g.Count).Take(wanted).ToListAsync(ct);
            ranked = rows.Select(r => (r.Key, r.Count)).ToList();
        }

        var ids = ranked.Where(r => r.Visits > 0).Select(r => r.BoothId).ToList();
        var booths = await db.Booths.AsNoTracking()
            .Where(b => b.ExhibitionId == exhibitionId && b.Status == BoothStatus.Open && ids.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, ct);
        return ids.Where(booths.ContainsKey).Take(size).Select(i => BoothListItem.From(booths[i])).ToList();
    }
}
