using System.Security.Claims;
using AutoMapper;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Booths;

/// <summary>A booth in the hall directory.</summary>
internal sealed record BoothListItem(
    Guid Id,
    Guid ShopId,
    string ShopName,
    string ShopSlug,
    string Hall,
    int Slot,
    string Tier,
    IReadOnlyList<string> Subsectors,
    string? BannerUrl,
    bool HasPromo,
    bool HasLiveSessions)
{
    public static BoothListItem From(Booth b) => new(b.Id, b.ShopId, b.ShopName, b.ShopSlug, b.HallName, b.Slot, b.TierName,
        b.Subsectors.ToList(), b.BannerUrl, b.PromoCode is not null, b.LiveSessionsJson != "[]");
}

internal static class BoothQueries
{
    /// <summary>The hall directory: open booths, hall by hall and slot by slot.</summary>
    /// <param name="hall">A hall's name.</param>
    /// <param name="subsector">A sub-sector code, e.g. kuliner.</param>
    /// <param name="q">Part of the shop's name or booth story.</param>
    public static async Task<Results<Ok<PagedResult<BoothListItem>>, ProblemHttpResult>> Directory(
        Guid id, string? hall, string? subsector, string? q, int? page, int? pageSize, ClaimsPrincipal user,
        ExhibitionsDbContext db, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        if (q is { Length: > 100 })
        {
            return Error.Validation("q", "exhibitions.query_too_long", "q must be at most 100 characters.").ToProblem();
        }

        var exhibition = await db.Exhibitions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (exhibition is null || !ExhibitionAccess.CanSee(exhibition, user))
        {
            return ExhibitionAccess.NotFound.ToProblem();
        }

        var query = db.Booths.AsNoTracking().Where(b => b.ExhibitionId == id && b.Status == BoothStatus.Open);
        if (!string.IsNullOrEmpty(hall))
        {
            query = query.Where(b => b.HallName == hall);
        }

        if (!string.IsNullOrEmpty(subsector))
        {
            query = query.Where(b => b.Subsectors.Contains(subsector));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var needle = q.Trim().ToLowerInvariant();
            query = query.Where(b => b.SearchText.Contains(needle));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(b => b.HallPosition).ThenBy(b => b.Slot)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        var items = rows.Select(BoothListItem.From).ToList();
        return TypedResults.Ok(new PagedResult<BoothListItem>(items, paging.Value.Page, paging.Value.PageSize, total));
    }

    /// <summary>The booth page with its featured products as live catalog data.</summary>
    public static async Task<Results<Ok<BoothResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, ExhibitionsDbContext db, BoothPages pages,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var booth = await db.Booths.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (booth is null)
        {
            return BoothAccess.NotFound.ToProblem();
        }

        var exhibition = await db.Exhibitions.AsNoTracking().SingleAsync(e => e.Id == booth.ExhibitionId, ct);
        var mayManage = booth.OwnerId == user.UserId() || exhibition.OrganiserId == user.UserId() || user.IsAdmin();
        if (booth.Status == BoothStatus.Closed && !mayManage)
        {
            return BoothAccess.NotFound.ToProblem();
        }

        return TypedResults.Ok(await pages.BuildAsync(booth, exhibition, clock.GetUtcNow(), ct));
    }

    /// <summary>The organiser's view of applications, oldest first (first come, first served).</summary>
    /// <param name="status">pending, approved or rejected.</param>
    public static async Task<Results<Ok<PagedResult<ApplicationResponse>>, ProblemHttpResult>> Applications(
        Guid id, string? status, int? page, int? pageSize, ClaimsPrincipal user, ExhibitionsDbContext db, IMapper mapper, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        ApplicationStatus? wanted = status switch
        {
            null or "" => null,
            "pending" => ApplicationStatus.Pending,
            "approved" => ApplicationStatus.Approved,
            "rejected" => ApplicationStatus.Rejected,
            _ => (ApplicationStatus)(-1),
        };
        if (wanted == (ApplicationStatus)(-1))
        {
            return Error.Validation("status", "exhibitions.bad_status", "status must be pending, approved or rejected.").ToProblem();
        }

        var found = await ExhibitionAccess.FindOwnedAsync(db, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var query = db.Applications.AsNoTracking().Where(a => a.ExhibitionId == id);
        if (wanted is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<ApplicationResponse>(rows.Select(mapper.Map<ApplicationResponse>).ToList(), paging.Value.Page, paging.Value.PageSize, total));
    }

    /// <summary>The signed-in merchant's applications, newest first.</summary>
    public static async Task<Ok<IReadOnlyList<ApplicationResponse>>> MyApplications(ClaimsPrincipal user, ExhibitionsDbContext db, IMapper mapper, CancellationToken ct)
    {
        var merchantId = user.UserId();
        var rows = await db.Applications.AsNoTracking().Where(a => a.MerchantId == merchantId).OrderByDescending(a => a.CreatedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ApplicationResponse>>(rows.Select(mapper.Map<ApplicationResponse>).ToList());
    }
}
