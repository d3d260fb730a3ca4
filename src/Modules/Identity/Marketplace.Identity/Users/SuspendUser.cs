using Marketplace.Identity.Auth;
using Marketplace.Identity.Persistence;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Identity.Users;

/// <summary>An administrator suspends an account (abuse, fraud) or reinstates it.</summary>
internal static class SuspendUser
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Suspend(
        Guid id, IdentityDbContext db, UserStatus status, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Error.NotFound("identity.user_not_found", "No such account.").ToProblem();
        }

        var now = clock.GetUtcNow();
        user.Suspend(now);
        await ChangePassword.RevokeAllSessionsAsync(db, id, now, ct);
        await db.SaveChangesAsync(ct);
        status.Forget(id);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Reinstate(
        Guid id, IdentityDbContext db, UserStatus status, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Error.NotFound("identity.user_not_found", "No such account.").ToProblem();
        }

        user.Reinstate();
        await db.SaveChangesAsync(ct);
        status.Forget(id);
        return TypedResults.NoContent();
    }
}
