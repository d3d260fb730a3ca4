using Marketplace.BuildingBlocks.Errors;
using Marketplace.Identity.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Identity.Users;

/// <summary>An account as an administrator sees it: who, which role, whether it is suspended.</summary>
internal sealed record AdminUserResponse(Guid Id, string Email, string DisplayName, string Role, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SuspendedAt);

/// <summary>Accounts by role for an administrator, newest first, optionally matching part of an e-mail or name.</summary>
internal static class ListUsers
{
    /// <param name="role">shopper, merchant, organiser or admin; absent: every role.</param>
    /// <param name="q">Part of the e-mail address or display name (at most 100 characters).</param>
    public static async Task<Results<Ok<PagedResult<AdminUserResponse>>, ProblemHttpResult>> Handle(
        string? role, string? q, int? page, int? pageSize, IdentityDbContext db, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        if (role is not null && !Roles.All.Contains(role))
        {
            return Error.Validation("role", "identity.unknown_role", $"role is one of {string.Join(", ", Roles.All)}.").ToProblem();
        }

        if (q is { Length: > 100 })
        {
            return Error.Validation("q", "identity.query_too_long", "q must be at most 100 characters.").ToProblem();
        }

        var query = db.Users.AsNoTracking();
        if (role is not null)
        {
            query = query.Where(u => u.Role == role);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            // E-mails are stored lower-case; names are matched as typed or lower-case (SQLite and PostgreSQL alike).
            var needle = q.Trim();
            var lower = needle.ToLowerInvariant();
            query = query.Where(u => u.Email.Contains(lower) || u.DisplayName.Contains(needle) || u.DisplayName.ToLower().Contains(lower));
        }

        var total = await query.CountAsync(ct);
        var users = await query.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        var items = users.Select(u => new AdminUserResponse(u.Id, u.Email, u.DisplayName, u.Role, u.IsSuspended ? "suspended" : "active", u.CreatedAt, u.SuspendedAt)).ToList();
        return TypedResults.Ok(new PagedResult<AdminUserResponse>(items, paging.Value.Page, paging.Value.PageSize, total));
    }
}
