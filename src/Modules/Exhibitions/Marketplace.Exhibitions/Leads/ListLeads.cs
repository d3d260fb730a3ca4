using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Leads;

/// <summary>The exhibitor reads the leads left at their booth.</summary>
internal static class ListLeads
{
    /// <param name="status">new, contacted, quoted or closed.</param>
    /// <param name="kind">retail, wholesale, quote, sample or partnership.</param>
    public static async Task<Results<Ok<PagedResult<LeadResponse>>, ProblemHttpResult>> Handle(
        Guid id, string? status, string? kind, int? page, int? pageSize, ClaimsPrincipal user, ExhibitionsDbContext db, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        LeadStatus parsedStatus = default;
        if (!string.IsNullOrEmpty(status) && !LeadRules.TryParseStatus(status, out parsedStatus))
        {
            return Error.Validation("status", "exhibitions.bad_status", "status must be new, contacted, quoted or closed.").ToProblem();
        }

        LeadKind parsedKind = default;
        if (!string.IsNullOrEmpty(kind) && !LeadRules.TryParseKind(kind, out parsedKind))
        {
            return Error.Validation("kind", "exhibitions.bad_kind", "kind must be retail, wholesale, quote, sample or partnership.").ToProblem();
        }

        var found = await BoothAccess.FindOwnedAsync(db, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var query = db.Leads.AsNoTracking().Where(l => l.BoothId == id);
        if (!string.IsNullOrEmpty(status))
        {
            query = query.Where(l => l.Status == parsedStatus);
        }

        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(l => l.Kind == parsedKind);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<LeadResponse>(rows.Select(l => l.ToResponse()).ToList(), paging.Value.Page, paging.Value.PageSize, total));
    }
}
