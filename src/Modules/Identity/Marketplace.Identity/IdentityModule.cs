using FluentValidation;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.BuildingBlocks.RateLimiting;
using Marketplace.Identity.Auth;
using Marketplace.Identity.Contracts;
using Marketplace.Identity.Persistence;
using Marketplace.Identity.Seeding;
using Marketplace.Identity.Tokens;
using Marketplace.Identity.Users;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Identity;

/// <summary>Accounts, roles and tokens. The one entry point the host calls.</summary>
public static class IdentityModule
{
    public static System.Reflection.Assembly Assembly => typeof(IdentityModule).Assembly;

    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection("Identity:Jwt"))
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero && o.RefreshTokenLifetime > o.AccessTokenLifetime,
                "Token lifetimes must be positive, and the refresh token must outlive the access token.")
            .Validate(o => o.SigningKey.Length == 0 || o.SigningKey.Length >= SigningKey.MinimumLength,
                $"Identity:Jwt:SigningKey must be empty (generated) or at least {SigningKey.MinimumLength} characters.")
            .ValidateOnStart();
        // Per client address (and per account once signed in), shared across instances through Redis when configured.
        services.AddRateLimitPolicy(RateLimitPolicies.Login, configuration.GetSection("Identity:LoginRateLimit"), 10, TimeSpan.FromMinutes(1));
        services.AddRateLimitPolicy(RateLimitPolicies.Registration, configuration.GetSection("RateLimits:Registration"), 10, TimeSpan.FromHours(1));
        services.AddRateLimitPolicy(RateLimitPolicies.TokenRefresh, configuration.GetSection("RateLimits:TokenRefresh"), 60, TimeSpan.FromMinutes(1));

        services.AddOptions<BootstrapAdminOptions>().Bind(configuration.GetSection("Identity:Admin"))
            .Validate(o => o.Email.Length == 0 || o.Password.Length >= 12, "Identity:Admin:Password must have at least 12 characters.")
            .ValidateOnStart();
        services.AddModuleDbContext<IdentityDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, IdentityDbContext.Module)
            .UseOutboxSignal<IdentityDbContext>(sp));
        services.AddOutbox<IdentityDbContext>(typeof(UserRegistered).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<IdentityDbContext>(IdentityDbContext.Module));
        services.AddSingleton<IDataSeeder, IdentitySeeder>();

        // PBKDF2-HMAC-SHA512 (ASP.NET Core Identity's V3 format: 128-bit salt, 256-bit key) at OWASP's 2023 cost of
        // 210,000 iterations; hashes made at a lower count are upgraded at the next sign-in (SuccessRehashNeeded).
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = 210_000;
        });
        services.Configure<PasswordHasherOptions>(configuration.GetSection("Identity:PasswordHasher"));
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton(sp => new SigningKey(
            sp.GetRequiredService<IOptions<JwtOptions>>().Value, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<UserStatus>();
        services.AddHostedService<DemoCredentialGuard>();
        services.AddSingleton<ICommandLineVerb, DemoPasswordsVerb>();
        services.AddValidatorsFromAssembly(Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey, IOptions<JwtOptions>>((bearer, key, jwt) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKey = key.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "name",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                bearer.Events = new JwtBearerEvents
                {
                    // A valid signature is not enough: the account must still exist and not be suspended.
                    OnTokenValidated = async context =>
                    {
                        var status = context.HttpContext.RequestServices.GetRequiredService<UserStatus>();
                        if (context.Principal?.UserId() is not { } userId || !await status.IsActiveAsync(userId, context.HttpContext.RequestAborted))
                        {
                            context.Fail("The account behind this token is suspended or no longer exists.");
                        }
                    },
                };
            });

        return services;
    }

    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder api)
    {
        AuthEndpoints.Map(api);
        return api;
    }
}
