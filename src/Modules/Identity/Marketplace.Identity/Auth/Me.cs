using System.Security.Claims;
using AutoMapper;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Identity.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Identity.Auth;

internal static class Me
{
    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Handle(
        ClaimsPrincipal principal, IdentityDbContext db, IMapper mapper, CancellationToken ct)
    {
        var id = principal.UserId();
        var user = id is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null
            ? Error.Unauthorized("identity.unknown_user", "The account behind this token no longer exists.").ToProblem()
            : TypedResults.Ok(mapper.Map<UserResponse>(user));
    }
}
