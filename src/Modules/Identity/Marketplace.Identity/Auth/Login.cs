using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Identity.Persistence;
using Marketplace.Identity.Tokens;
using Marketplace.Identity.Users;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Identity.Auth;

internal sealed record LoginRequest(string Email, string Password);

internal sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(User.MaxEmailLength);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(128);
    }
}

internal static class Login
{
    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Handle(
        LoginRequest request,
        IdentityDbContext db,
        IPasswordHasher<User> hasher,
        TokenIssuer issuer,
        CancellationToken ct)
    {
        var email = User.Normalize(request.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct);

        // One answer for "no such account" and "wrong password", so the endpoint does not reveal who has an account.
        var invalid = Error.Unauthorized("identity.invalid_credentials", "The e-mail address or password is wrong.");
        if (user is null)
        {
            return invalid.ToProblem();
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return invalid.ToProblem();
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password);
        }

        var tokens = issuer.Issue(db, user);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TokenResponse(tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresAt));
    }
}
