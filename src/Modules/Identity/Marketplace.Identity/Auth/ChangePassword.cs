using System.Security.Claims;
using FluentValidation;
using Marketplace.Identity.Persistence;
using Marketplace.Identity.Users;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Identity.Auth;

internal sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

internal sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().MaximumLength(128);
        RuleFor(r => r.NewPassword).NotEmpty().MinimumLength(8).MaximumLength(128)
            .Must((r, p) => !string.Equals(p, r.CurrentPassword, StringComparison.Ordinal))
            .WithMessage("The new password must differ from the current one.");
    }
}

internal static class ChangePassword
{
    /// <summary>
    /// Checks the current password, stores the new hash and revokes every refresh token of the account: whoever
    /// holds a session from before (perhaps the reason for the change) must sign in again with the new password.
    /// Access tokens already issued end within their short lifetime.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        ChangePasswordRequest request,
        ClaimsPrincipal principal,
        IdentityDbContext db,
        IPasswordHasher<User> hasher,
        TimeProvider clock,
        CancellationToken ct)
    {
        var id = principal.UserId();
        var user = id is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Error.Unauthorized("identity.unknown_user", "The account behind this token no longer exists.").ToProblem();
        }

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            return Error.Validation("currentPassword", "identity.wrong_password", "The current password is wrong.").ToProblem();
        }

        user.PasswordHash = hasher.HashPassword(user, request.NewPassword);
        await RevokeAllSessionsAsync(db, user.Id, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task RevokeAllSessionsAsync(IdentityDbContext db, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var active = await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in active)
        {
            token.Revoke(now);
        }
    }
}
