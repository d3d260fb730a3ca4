using System.Threading.RateLimiting;
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
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
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
        services.AddOptions<LoginRateLimitOptions>().Bind(configuration.GetSection("Identity:LoginRateLimit"))
            .Validate(o => o.PermitLimit > 0 && o.Window > TimeSpan.Zero, "Login rate limit must allow at least one attempt per positive window.")
            .ValidateOnStart();

        services.AddOptions<BootstrapAdminOptions>().Bind(configuration.GetSection("Identity:Admin"))
            .Validate(o => o.Email.Length == 0 || o.Password.Length >= 12, "Identity:Admin:Password must have at least 12 characters.")
            .ValidateOnStart();
        services.AddDbContext<IdentityDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, IdentityDbContext.Module)
            .AddInterceptors(sp.GetRequiredService<OutboxSaveChangesInterceptor<IdentityDbContext>>()));
        services.AddOutbox<IdentityDbContext>(typeof(UserRegistered).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<IdentityDbContext>(IdentityDbContext.Module));
        services.AddSingleton<IDataSeeder, IdentitySeeder>();

        services.Configure<PasswordHasherOptions>(configuration.GetSection("Identity:PasswordHasher"));
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton(sp => new SigningKey(
            sp.GetRequiredService<IOptions<JwtOptions>>().Value, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton<TokenIssuer>();
        services.AddValidatorsFromAssembly(Assembly, includeInternalTypes: true);

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
            });

        services.AddRateLimiter(limiter => limiter.AddPolicy(AuthEndpoints.LoginRateLimitPolicy, http =>
        {
            var limits = http.RequestServices.GetRequiredService<IOptions<LoginRateLimitOptions>>().Value;
            var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            // Shared by all instances behind the load balancer when Redis is configured; per instance otherwise.
            return DistributedRateLimitPartition.GetFixedWindowLimiter(
                http.RequestServices.GetRequiredService<RedisConnection>(),
                http.RequestServices.GetRequiredService<TimeProvider>(),
                AuthEndpoints.LoginRateLimitPolicy,
                client,
                new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 });
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder api)
    {
        AuthEndpoints.Map(api);
        return api;
    }
}
