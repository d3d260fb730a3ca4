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

internal sealed record RefreshRequest(string RefreshToken);

internal sealed class RefreshRequestValidator : AbstractValidator<RefreshRequest>
{
    public RefreshRequestValidator() => RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(200);
}

internal static class Refresh
{
    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Handle(
        RefreshRequest request,
        IdentityDbContext db,
        TokenIssuer issuer,
        TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var invalid = Error.Unauthorized("identity.invalid_refresh_token", "The refresh token is invalid, expired or revoked.");
        var hash = RefreshToken.Hash(request.RefreshToken);
        var stored = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (stored is null)
        {
            return invalid.ToProblem();
        }

        if (stored.RevokedAt is not null)
        {
            // A rotated token came back: someone holds a copy. Revoke the whole family so neither copy works.
            await RevokeFamilyAsync(db, stored.FamilyId, now, ct);
            await db.SaveChangesAsync(ct);
            return invalid.ToProblem();
        }

        if (!stored.IsActive(now))
        {
            return invalid.ToProblem();
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == stored.UserId, ct);
        if (user is null)
        {
            return invalid.ToProblem();
        }

        var tokens = issuer.Issue(db, user, stored.FamilyId);
        stored.Revoke(now, tokens.RefreshTokenId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return invalid.ToProblem();
        }

        return TypedResults.Ok(new TokenResponse(tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresAt));
    }

    public static async Task RevokeFamilyAsync(IdentityDbContext db, Guid familyId, DateTimeOffset now, CancellationToken ct)
    {
        var family = await db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in family)
        {
            token.Revoke(now);
        }
    }
}

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
