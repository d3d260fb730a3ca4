using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.RateLimiting;

/// <summary>
/// The named rate-limit policies. An endpoint opts in with <c>.RequireRateLimit(RateLimitPolicies.Posting)</c>; each
/// policy counts per client address and, for a signed-in caller, per account too (both must have room), in one fixed
/// window shared by every instance through Redis (<see cref="RedisFixedWindowRateLimiter"/>).
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Sign-in attempts (<c>Identity:LoginRateLimit</c>).</summary>
    public const string Login = "login";

    /// <summary>New accounts (<c>RateLimits:Registration</c>).</summary>
    public const string Registration = "registration";

    /// <summary>Refresh-token rotations (<c>RateLimits:TokenRefresh</c>).</summary>
    public const string TokenRefresh = "token-refresh";

    /// <summary>
    /// Content people post for others to read: booth leads, reviews, chat messages (<c>RateLimits:Posting</c>). One
    /// budget across all of them, so a spammer cannot multiply it by switching channel.
    /// </summary>
    public const string Posting = "posting";
}

/// <summary>How many requests a policy allows per partition (address, account) per window.</summary>
public sealed class RateLimitPolicyOptions
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

public static class RateLimitPolicyExtensions
{
    /// <summary>
    /// Registers the policy <paramref name="policy"/> with its defaults, overridden by <paramref name="section"/>
    /// (<c>PermitLimit</c>, <c>Window</c>). Registering the same policy again keeps the first registration.
    /// </summary>
    public static IServiceCollection AddRateLimitPolicy(
        this IServiceCollection services, string policy, IConfigurationSection section, int permitLimit, TimeSpan window)
    {
        services.TryAddSingleton<SharedRateLimits>();
        services.TryAddSingleton<IRateLimitGate>(sp => sp.GetRequiredService<SharedRateLimits>());
        if (services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, policy) && d.ServiceType == typeof(RegisteredPolicy)))
        {
            return services;
        }

        services.AddKeyedSingleton(policy, new RegisteredPolicy());
        services.AddOptions<RateLimitPolicyOptions>(policy)
            .Configure(o =>
            {
                o.PermitLimit = permitLimit;
                o.Window = window;
            })
            .Bind(section)
            .Validate(o => o.PermitLimit > 0 && o.Window > TimeSpan.Zero, $"{section.Path} must allow at least one request (PermitLimit) per positive Window.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// The shared <see cref="RateLimitPolicies.Posting"/> policy (<c>RateLimits:Posting</c>, default 20 per minute per
    /// address and per account). Every module that takes user posts calls this; the first registration counts.
    /// </summary>
    public static IServiceCollection AddPostingRateLimit(this IServiceCollection services, IConfiguration configuration) =>
        services.AddRateLimitPolicy(RateLimitPolicies.Posting, configuration.GetSection("RateLimits:Posting"), 20, TimeSpan.FromMinutes(1));

    /// <summary>Counts this endpoint's requests against <paramref name="policy"/>; beyond it, 429 with <c>Retry-After</c>.</summary>
    public static RouteHandlerBuilder RequireRateLimit(this RouteHandlerBuilder builder, string policy) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var refused = await http.RequestServices.GetRequiredService<SharedRateLimits>().TryAcquireAsync(policy, http);
            if (refused is not { } retryAfter)
            {
                return await next(context);
            }

            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new Error("rate_limited", "Too many attempts; wait a moment and try again.", ErrorKind.TooManyRequests).ToProblem();
        }).ProducesProblem(StatusCodes.Status429TooManyRequests);

    private sealed class RegisteredPolicy;
}

/// <summary>
/// Counts one use of a named policy for a request outside the endpoint pipeline, e.g. a message sent over a SignalR
/// hub (the connection's <see cref="HttpContext"/> carries the caller's address and account).
/// </summary>
public interface IRateLimitGate
{
    /// <summary>Null when the caller may go on; otherwise how long until the window that refused it ends.</summary>
    ValueTask<TimeSpan?> TryAcquireAsync(string policy, HttpContext http);
}

/// <summary>
/// One partitioned limiter per policy, created on first use. Partitions are <c>address:{ip}</c> and
/// <c>account:{user id}</c>; each is a <see cref="RedisFixedWindowRateLimiter"/> when Redis is configured (one count for
/// every instance) and an in-process fixed window otherwise. Idle partitions are dropped by
/// <see cref="PartitionedRateLimiter"/> itself, so a flood of addresses does not grow memory without bound.
/// </summary>
internal sealed class SharedRateLimits(RedisConnection redis, TimeProvider time, IOptionsMonitor<RateLimitPolicyOptions> options) : IRateLimitGate, IDisposable
{
    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<string>> _limiters = new(StringComparer.Ordinal);

    /// <summary>Null when the request may go on; otherwise how long until the window that refused it ends.</summary>
    public async ValueTask<TimeSpan?> TryAcquireAsync(string policy, HttpContext http)
    {
        var limiter = _limiters.GetOrAdd(policy, Create);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var refused = await AcquireAsync(limiter, "address:" + address, http.RequestAborted);
        if (refused is not null)
        {
            return refused;
        }

        return http.User.UserId() is { } account
            ? await AcquireAsync(limiter, "account:" + account.ToString("N"), http.RequestAborted)
            : null;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private static async ValueTask<TimeSpan?> AcquireAsync(PartitionedRateLimiter<string> limiter, string partition, CancellationToken ct)
    {
        // Fixed-window leases hold nothing back: disposing one returns no permit, it only frees the lease object.
        using var lease = await limiter.AcquireAsync(partition, 1, ct);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    private PartitionedRateLimiter<string> Create(string policy)
    {
        var limits = options.Get(policy);
        if (limits.PermitLimit <= 0)
        {
            throw new InvalidOperationException($"Rate-limit policy '{policy}' is not registered (services.AddRateLimitPolicy).");
        }

        var window = new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 };
        return PartitionedRateLimiter.Create<string, string>(partition =>
            DistributedRateLimitPartition.GetFixedWindowLimiter(redis, time, policy, partition, window));
    }
}
