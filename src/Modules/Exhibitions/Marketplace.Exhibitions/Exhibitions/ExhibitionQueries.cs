using System.Security.Claims;
using AutoMapper;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Exhibitions;

internal static class ExhibitionQueries
{
    /// <param name="status">upcoming, live or ended (computed from the clock).</param>
    /// <param name="city">The host city's code, e.g. 16.71.</param>
    public static async Task<Results<Ok<PagedResult<ExhibitionResponse>>, ProblemHttpResult>> List(
        string? status, string? city, int? page, int? pageSize,
        ExhibitionsDbContext db, IMapper mapper, ITaxonomy taxonomy,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        var query = db.Exhibitions.AsNoTracking().Where(e => e.Published);
        switch (status)
        {
            case null or "":
                break;
            case "upcoming":
                query = query.Where(e => e.StartsAt > now);
                break;
            case "live":
                query = query.Where(e => e.StartsAt <= now && e.EndsAt > now);
                break;
            case "ended":
                query = query.Where(e => e.EndsAt <= now);
                break;
            default:
                return Error.Validation("status", "exhibitions.bad_status", "status must be upcoming, live or ended.").ToProblem();
        }

        if (!string.IsNullOrEmpty(city))
        {
            query = query.Where(e => e.CityCode == city);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        var items = new List<ExhibitionResponse>(rows.Count);
        foreach (var row in rows)
        {
            items.Add(await row.ToResponseAsync(mapper, taxonomy, now, ct));
        }

        return TypedResults.Ok(new PagedResult<ExhibitionResponse>(items, paging.Value.Page, paging.Value.PageSize, total));
    }

    /// <summary>By id. A draft is visible only to its organiser.</summary>
    public static async Task<Results<Ok<ExhibitionResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, ExhibitionsDbContext db, IMapper mapper, ITaxonomy taxonomy,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct) =>
        await VisibleAsync(await db.Exhibitions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct), user, mapper, taxonomy, clock, ct);

    /// <summary>By slug. A draft is visible only to its organiser.</summary>
    public static async Task<Results<Ok<ExhibitionResponse>, ProblemHttpResult>> GetBySlug(
        string slug, ClaimsPrincipal user, ExhibitionsDbContext db, IMapper mapper, ITaxonomy taxonomy,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        if (slug.Length > 80)
        {
            return ExhibitionAccess.NotFound.ToProblem();
        }

        return await VisibleAsync(await db.Exhibitions.AsNoTracking().SingleOrDefaultAsync(e => e.Slug == slug, ct), user, mapper, taxonomy, clock, ct);
    }

    private static async Task<Results<Ok<ExhibitionResponse>, ProblemHttpResult>> VisibleAsync(
        Exhibition? exhibition, ClaimsPrincipal user, IMapper mapper, ITaxonomy taxonomy, TimeProvider clock, CancellationToken ct)
    {
        if (exhibition is null || !ExhibitionAccess.CanSee(exhibition, user))
        {
            return ExhibitionAccess.NotFound.ToProblem();
        }

        return TypedResults.Ok(await exhibition.ToResponseAsync(mapper, taxonomy, clock.GetUtcNow(), ct));
    }

    /// <summary>The signed-in organiser's exhibitions, drafts included.</summary>
    public static async Task<Ok<IReadOnlyList<ExhibitionResponse>>> Mine(
        ClaimsPrincipal user, ExhibitionsDbContext db, IMapper mapper, ITaxonomy taxonomy,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var organiserId = user.UserId();
        var rows = await db.Exhibitions.AsNoTracking().Where(e => e.OrganiserId == organiserId).OrderByDescending(e => e.CreatedAt).Take(200).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var items = new List<ExhibitionResponse>(rows.Count);
        foreach (var row in rows)
        {
            items.Add(await row.ToResponseAsync(mapper, taxonomy, now, ct));
        }

        return TypedResults.Ok<IReadOnlyList<ExhibitionResponse>>(items);
    }
}
