using System.Security.Claims;
using Marketplace.Catalog.Contracts;
using Marketplace.Ledger.Persistence;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Ledger.Payouts;

internal sealed record PayoutScheduleRequest(bool? Weekly);

internal sealed record PayoutScheduleResponse(Guid ShopId, bool Weekly, string Day);

internal static class PayoutQueries
{
    private static readonly string[] Statuses = [PayoutStatus.Requested, PayoutStatus.Approved, PayoutStatus.Paid, PayoutStatus.Failed];

    /// <summary>A shop's payouts, newest first (its owner, or an admin).</summary>
    public static async Task<Results<Ok<PagedResult<PayoutResponse>>, ProblemHttpResult>> ListForShop(
        Guid shopId, int? page, int? pageSize, ClaimsPrincipal user, LedgerDbContext db, ICatalogReader catalog, CancellationToken ct)
    {
        if (await ShopAccess.CheckAsync(catalog, shopId, user, adminMay: true, ct) is { } denied)
        {
            return denied.ToProblem();
        }

        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        return TypedResults.Ok(await PageAsync(db.Payouts.Where(p => p.ShopId == shopId), paging.Value, user.IsAdmin(), ct));
    }

    /// <summary>Admin: the payout queue (?status=requested|approved|paid|failed), oldest first so the queue is worked in order.</summary>
    public static async Task<Results<Ok<PagedResult<PayoutResponse>>, ProblemHttpResult>> ListAll(
        string? status, int? page, int? pageSize, LedgerDbContext db, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status))
        {
            return Error.Validation("status", "ledger.unknown_status", "status is one of requested, approved, paid, failed.").ToProblem();
        }

        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        var query = status is null ? db.Payouts : db.Payouts.Where(p => p.Status == status);
        return TypedResults.Ok(await PageAsync(query, paging.Value, forAdmin: true, ct, oldestFirst: true));
    }

    private static async Task<PagedResult<PayoutResponse>> PageAsync(IQueryable<Payout> query, PageRequest paging, bool forAdmin, CancellationToken ct, bool oldestFirst = false)
    {
        var total = await query.CountAsync(ct);
        var ordered = oldestFirst ? query.OrderBy(p => p.RequestedAt).ThenBy(p => p.Id) : query.OrderByDescending(p => p.RequestedAt).ThenByDescending(p => p.Id);
        var items = await ordered.AsNoTracking().Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<PayoutResponse>(items.Select(p => PayoutResponse.From(p, forAdmin)).ToList(), paging.Page, paging.PageSize, total);
    }

    /// <summary>Opt in or out of weekly payouts of the whole available balance (on <c>Ledger:Payouts:WeeklyDay</c>).</summary>
    public static async Task<Results<Ok<PayoutScheduleResponse>, ProblemHttpResult>> SetSchedule(
        Guid shopId, PayoutScheduleRequest request, ClaimsPrincipal user, LedgerDbContext db, ICatalogReader catalog,
        Microsoft.Extensions.Options.IOptions<LedgerOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (await ShopAccess.CheckAsync(catalog, shopId, user, adminMay: false, ct) is { } denied)
        {
            return denied.ToProblem();
        }

        if (request.Weekly is not { } weekly)
        {
            return Error.Validation("weekly", "ledger.weekly_required", "weekly is true or false.").ToProblem();
        }

        var schedule = await db.PayoutSchedules.SingleOrDefaultAsync(s => s.ShopId == shopId, ct);
        if (schedule is null)
        {
            schedule = new PayoutSchedule { ShopId = shopId };
            db.PayoutSchedules.Add(schedule);
        }

        schedule.Weekly = weekly;
        schedule.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PayoutScheduleResponse(shopId, weekly, options.Value.Payouts.WeeklyDay.ToString().ToLowerInvariant()));
    }
}
