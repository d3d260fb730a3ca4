using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// HybridCache for every module, the <see cref="ReadThroughCache"/> and <see cref="ICacheInvalidation"/> they use,
    /// and the shared <see cref="RedisConnection"/>. With <c>Redis:Configuration</c> set: Redis as L2 and invalidation
    /// across instances over pub/sub; without: in-process only. The choice is made when the services are first
    /// resolved (not here), so configuration added later by a host or a test still counts.
    /// </summary>
    public static IServiceCollection AddMarketplaceCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection("Redis"))
            .Validate(o => o.OperationTimeout > TimeSpan.Zero, "Redis:OperationTimeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection("Cache"))
            .Validate(o => o.Expiration > TimeSpan.Zero && o.LocalExpiration > TimeSpan.Zero && o.LocalExpiration <= o.Expiration,
                "Cache:Expiration and Cache:LocalExpiration must be positive, the local one no longer than the other.")
            .ValidateOnStart();

        services.AddHybridCache();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<CacheOptions>>((hybrid, cache) =>
        {
            hybrid.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = cache.Value.Expiration,
                LocalCacheExpiration = cache.Value.LocalExpiration,
            };
            hybrid.MaximumPayloadBytes = 4 * 1024 * 1024;
        });

        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<CacheEvictions>();
        // HybridCache uses an IDistributedCache as L2 unless it is the in-memory one, which it knowingly ignores.
        services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<RedisConnection>().IsConfigured
            ? ActivatorUtilities.CreateInstance<RedisDistributedCache>(sp)
            : new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        services.TryAddSingleton<RedisCacheInvalidation>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisCacheInvalidation>());
        services.AddSingleton<ICacheInvalidation>(sp => sp.GetRequiredService<RedisConnection>().IsConfigured
            ? sp.GetRequiredService<RedisCacheInvalidation>()
            : ActivatorUtilities.CreateInstance<InProcessCacheInvalidation>(sp));
        services.TryAddSingleton<ReadThroughCache>();
        services.TryAddSingleton<CacheHealthCheck>();
        return services;
    }
}
