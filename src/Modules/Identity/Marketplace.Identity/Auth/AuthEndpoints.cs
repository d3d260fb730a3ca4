using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.RateLimiting;
using Marketplace.Identity.Users;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Identity.Auth;

internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Identity");
        auth.MapPost("/register", Register.Handle).Validate<RegisterRequest>().RequireRateLimit(RateLimitPolicies.Registration)
            .WithName("Auth_Register").AllowAnonymous().ProducesProblem(409)
            .WithSummary("Open an account (shopper, merchant or organiser) and sign in.")
            .WithDescription("Creates the account and answers with the same token pair as sign-in (accessToken, refreshToken, expiresAt) " +
                             "and the account, so the new user is signed in at once. Admins are not self-registered. " +
                             "409 when the e-mail address already has an account.");
        auth.MapPost("/login", Login.Handle).Validate<LoginRequest>()
            .WithName("Auth_Login").AllowAnonymous().RequireRateLimit(RateLimitPolicies.Login)
            .ProducesProblem(401)
            .WithSummary("Exchange e-mail and password for an access token and a refresh token.")
            .WithDescription("The access token is a short-lived JWT for the Authorization: Bearer header; the refresh token rotates " +
                             "through POST /api/v1/auth/refresh. One answer (401) for an unknown address and a wrong password. " +
                             "Attempts are limited per client address (429 with Retry-After).");
        auth.MapPost("/refresh", Refresh.Handle).Validate<RefreshRequest>().RequireRateLimit(RateLimitPolicies.TokenRefresh)
            .WithName("Auth_Refresh").AllowAnonymous().ProducesProblem(401)
            .WithSummary("Rotate a refresh token: the old one is revoked, a new pair is issued.")
            .WithDescription("A refresh token works once. Presenting one that was already used revokes its whole family " +
                             "(every token issued from the same sign-in), since only a thief would replay it.");
        auth.MapPost("/logout", Logout.Handle).Validate<LogoutRequest>()
            .WithName("Auth_Logout").RequireAuthorization().ProducesProblem(404)
            .WithSummary("Revoke a refresh token (and the session it belongs to).")
            .WithDescription("The access token stays valid until it expires (minutes); the session cannot be refreshed any more. " +
                             "404 when the refresh token is not one of this account's.");

        api.MapPost("/me/password", ChangePassword.Handle).Validate<ChangePasswordRequest>()
            .RequireRateLimit(RateLimitPolicies.Login)
            .WithTags("Identity").WithName("Auth_ChangePassword").RequireAuthorization()
            .WithSummary("Change your password; every refresh token of the account is revoked.")
            .WithDescription("Needs the current password (a stolen access token alone cannot change it). Counts against the " +
                             "sign-in limit. Every other device must sign in again.");
        var admin = api.MapGroup("/admin/users").WithTags("Operations").RequireAuthorization(Policies.Admin);
        admin.MapPost("/{id:guid}/suspend", SuspendUser.Suspend).WithName("Users_Suspend")
            .WithSummary("Suspend an account (admin).")
            .WithDescription("The account can no longer sign in; its refresh tokens are revoked and its access tokens are refused from the next request.");
        admin.MapGet("/", ListUsers.Handle).WithName("Users_List").ProducesProblem(400).ProducesProblem(403)
            .WithSummary("Accounts by role (admin).")
            .WithDescription("Newest first, paged; `role` narrows to shoppers, merchants, organisers or admins, `q` matches part of the " +
                             "e-mail or display name. Each account says whether it is active or suspended.");
        admin.MapPost("/{id:guid}/reinstate", SuspendUser.Reinstate).WithName("Users_Reinstate")
            .WithSummary("Lift a suspension (admin).")
            .WithDescription("The account may sign in again; sessions revoked by the suspension stay revoked.");

        api.MapGet("/me", Me.Handle).WithTags("Identity")
            .WithName("Auth_Me").RequireAuthorization()
            .WithSummary("The signed-in account.")
            .WithDescription("The account the access token belongs to: id, e-mail, display name, role.");
    }
}
