using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Identity.Persistence;
using Marketplace.Identity.Tokens;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Identity.Auth;

internal sealed record LogoutRequest(string RefreshToken);

internal sealed class LogoutRequestValidator : AbstractValidator<LogoutRequest>
{
    public LogoutRequestValidator() => RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(200);
}

internal static class Logout
{
    /// <summary>Revokes the presented refresh token and its whole family (this device's session).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        LogoutRequest request,
        ClaimsPrincipal principal,
        IdentityDbContext db,
        TimeProvider clock,
        CancellationToken ct)
    {
        var hash = RefreshToken.Hash(request.RefreshToken);
        var stored = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (stored is null || stored.UserId != principal.UserId())
        {
            return Error.NotFound("identity.refresh_token_not_found", "No such refresh token for this account.").ToProblem();
        }

        await Refresh.RevokeFamilyAsync(db, stored.FamilyId, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
