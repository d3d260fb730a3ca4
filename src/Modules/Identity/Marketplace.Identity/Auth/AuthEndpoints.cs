using Marketplace.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Identity.Auth;

internal static class AuthEndpoints
{
    public const string LoginRateLimitPolicy = "login";

    public static void Map(IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Identity");
        auth.MapPost("/register", Register.Handle).Validate<RegisterRequest>()
            .WithSummary("Open an account (shopper, merchant or organiser).").AllowAnonymous();
        auth.MapPost("/login", Login.Handle).Validate<LoginRequest>()
            .RequireRateLimiting(LoginRateLimitPolicy)
            .WithSummary("Exchange e-mail and password for an access token and a refresh token.")
            .ProducesProblem(429).AllowAnonymous();
        auth.MapPost("/refresh", Refresh.Handle).Validate<RefreshRequest>()
            .WithSummary("Rotate a refresh token: the old one is revoked, a new pair is issued.").AllowAnonymous();
        auth.MapPost("/logout", Logout.Handle).Validate<LogoutRequest>()
            .WithSummary("Revoke a refresh token (and the session it belongs to).").RequireAuthorization();

        api.MapGet("/me", Me.Handle).WithTags("Identity").WithSummary("The signed-in account.").RequireAuthorization();
    }
}
