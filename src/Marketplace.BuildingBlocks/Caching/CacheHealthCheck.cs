using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.BuildingBlocks.Caching;

/// <summary>
/// Readiness of the cache: healthy in-process or with Redis connected and answering; degraded (not unhealthy: the store serves every
/// request) while Redis is configured but unreachable, or slow (a call timed out within the cool-down).
/// </summary>
public sealed class CacheHealthCheck(ReadThroughCache cache, RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis switch
        {
            { IsConfigured: false } => HealthCheckResult.Healthy("In-process cache (no Redis configured)."),
            { IsConnected: true } => HealthCheckResult.Healthy(cache.IsServing ? "Redis connected." : "Redis connected; caching is switched off."),
            _ => HealthCheckResult.Degraded("Redis unreachable or slow: serving from the store, trying it again shortly."),
        });
}
