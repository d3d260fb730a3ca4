using AutoMapper;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Identity.Contracts;
using Marketplace.Identity.Persistence;
using Marketplace.Identity.Tokens;
using Marketplace.Identity.Users;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Identity.Auth;

/// <param name="Role">shopper, merchant or organiser. Admins are not self-registered.</param>
internal sealed record RegisterRequest(string Email, string Password, string DisplayName, string Role);

internal sealed class RegisterRequestValidator : AbstractValidator<RegisterRequest>
{
    public RegisterRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(User.MaxEmailLength).EmailAddress();
        RuleFor(r => r.Password).NotEmpty().MinimumLength(8).MaximumLength(128)
            .Must((r, p) => !string.Equals(p, r.Email, StringComparison.OrdinalIgnoreCase))
            .WithMessage("The password must not be the e-mail address.");
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(User.MaxDisplayNameLength)
            .Must(n => !RichText.LooksLikeMarkup(n)).WithMessage("The display name must be plain text.");
        RuleFor(r => r.Role).NotEmpty().Must(r => Roles.SelfService.Contains(r))
            .WithMessage($"The role must be one of: {string.Join(", ", Roles.SelfService)}.");
    }
}

internal static class Register
{
    public static async Task<Results<Created<RegisteredResponse>, ProblemHttpResult>> Handle(
        RegisterRequest request,
        IdentityDbContext db,
        IPasswordHasher<User> hasher,
        IMapper mapper,
        TokenIssuer issuer,
        TimeProvider clock,
        CancellationToken ct)
    {
        var email = User.Normalize(request.Email);
        if (await db.Users.AnyAsync(u => u.Email == email, ct))
        {
            return Error.Conflict("identity.email_taken", "An account with this e-mail address already exists.", "email").ToProblem();
        }

        var user = new User(Guid.CreateVersion7(), email, request.DisplayName.Trim(), request.Role, clock.GetUtcNow());
        user.PasswordHash = hasher.HashPassword(user, request.Password);
        db.Users.Add(user);
        db.AddIntegrationEvent(new UserRegistered(user.Id, user.Email, user.DisplayName, user.Role) { OccurredAt = clock.GetUtcNow() });

        // Signed in at once: the refresh token is stored with the account in the same transaction.
        var tokens = issuer.Issue(db, user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two registrations raced for the same address; the unique index kept exactly one.
            return Error.Conflict("identity.email_taken", "An account with this e-mail address already exists.", "email").ToProblem();
        }

        return TypedResults.Created("/api/v1/me",
            new RegisteredResponse(tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresAt, mapper.Map<UserResponse>(user)));
    }
}
