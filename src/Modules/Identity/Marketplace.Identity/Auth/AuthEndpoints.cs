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
            .WithSummary("Open an account (shopper, merchant or organiser).").AllowAnonymous();
        auth.MapPost("/login", Login.Handle).Validate<LoginRequest>()
            .RequireRateLimit(RateLimitPolicies.Login)
            .WithSummary("Exchange e-mail and password for an access token and a refresh token.")
            .AllowAnonymous();
        auth.MapPost("/refresh", Refresh.Handle).Validate<RefreshRequest>().RequireRateLimit(RateLimitPolicies.TokenRefresh)
            .WithSummary("Rotate a refresh token: the old one is revoked, a new pair is issued.").AllowAnonymous();
        auth.MapPost("/logout", Logout.Handle).Validate<LogoutRequest>()
            .WithSummary("Revoke a refresh token (and the session it belongs to).").RequireAuthorization();

        api.MapPost("/me/password", ChangePassword.Handle).Validate<ChangePasswordRequest>()
            .RequireRateLimit(RateLimitPolicies.Login)
            .WithTags("Identity").WithName("Identity_ChangePassword")
            .WithSummary("Change your password; every refresh token of the account is revoked.")
            .WithDescription("Needs the current password (a stolen access token alone cannot change it). Counts against the sign-in limit. Other devices must sign in again.")
            .RequireAuthorization();
        var admin = api.MapGroup("/admin/users").WithTags("Identity").RequireAuthorization(Policies.Admin);
        admin.MapPost("/{id:guid}/suspend", SuspendUser.Suspend).WithName("Identity_SuspendUser")
            .WithSummary("Suspend an account (admin).")
            .WithDescription("The account can no longer sign in; its refresh tokens are revoked and its access tokens are refused from the next request.");
        admin.MapPost("/{id:guid}/reinstate", SuspendUser.Reinstate).WithName("Identity_ReinstateUser")
            .WithSummary("Lift a suspension (admin).")
            .WithDescription("The account may sign in again; sessions revoked by the suspension stay revoked.");

        api.MapGet("/me", Me.Handle).WithTags("Identity").WithSummary("The signed-in account.").RequireAuthorization();
    }
}
