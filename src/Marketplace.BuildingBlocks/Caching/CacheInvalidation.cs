using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.Caching;

/// <summary>
/// Tells every API instance that cached data carrying these tags changed. Call it after the change has committed.
/// The in-process implementation evicts this instance's cache; the Redis one also publishes the tags so every other
/// instance evicts its in-memory (L1) copies within milliseconds.
/// </summary>
public interface ICacheInvalidation
{
    Task InvalidateAsync(IReadOnlyCollection<string> tags, CancellationToken ct = default);
}

/// <summary>One process, no Redis: evicting the local HybridCache is all there is to do.</summary>
internal sealed class InProcessCacheInvalidation(CacheEvictions evictions) : ICacheInvalidation
{
    public Task InvalidateAsync(IReadOnlyCollection<string> tags, CancellationToken ct = default) =>
        evictions.EvictAsync(tags, ct);
}

/// <summary>
/// Evicts locally, then publishes the tags on <see cref="Channel"/>; every instance (this one included, harmlessly)
/// evicts its L1 entries with those tags when the message arrives. HybridCache also records the tag's invalidation
/// time in L2, so entries another instance wrote to Redis before the change are refused too.
/// <para>
/// Pub/sub is fire-and-forget: an instance that is cut off from Redis misses messages. That is why
/// <see cref="ReadThroughCache"/> bypasses the cache entirely while Redis is unreachable and empties its L1 once
/// Redis is back, before it serves cached data again.
/// </para>
/// </summary>
internal sealed partial class RedisCacheInvalidation(
    CacheEvictions evictions,
    RedisConnection redis,
    IOptions<RedisOptions> options,
    ILogger<RedisCacheInvalidation> logger) : ICacheInvalidation, IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("mp:cache:invalidate");

    private readonly string _instance = Guid.NewGuid().ToString("N");

    public async Task InvalidateAsync(IReadOnlyCollection<string> tags, CancellationToken ct = default)
    {
        await evictions.EvictAsync(tags, ct);
        if (!redis.IsConnected)
        {
            // Nobody can hear us; the other instances bypass their caches while they cannot reach Redis either, and
            // clear them when it is back. An instance that still reaches Redis is covered by the tag time in L2 for
            // its L2 reads and by the entries' local expiry for its L1 (see README, "Caching").
            return;
        }

        var message = JsonSerializer.Serialize(new InvalidationMessage(_instance, [.. tags]));
        try
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(Channel, message).WaitAsync(options.Value.OperationTimeout, ct);
            redis.ReportSuccess();
        }
        catch (Exception ex) when (RedisDistributedCache.IsOutage(ex))
        {
            redis.ReportFailure(ex);
            redis.ReportInvalidationLost();
            LogPublishFailed(logger, ex.GetType().Name);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConfigured)
        {
            return;
        }

        // Registered even while Redis is down (fire-and-forget): the multiplexer re-subscribes after every reconnect.
        try
        {
            await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel, (channel, value) => _ = EvictAsync(value), CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (RedisDistributedCache.IsOutage(ex))
        {
            LogSubscribeFailed(logger, ex.GetType().Name);
        }
    }

    private async Task EvictAsync(RedisValue value)
    {
        var parsed = Parse(value);
        if (parsed is null || parsed.Origin == _instance)
        {
            return;
        }

        try
        {
            await evictions.EvictAsync(parsed.Tags, CancellationToken.None);
        }
        catch (Exception ex) when (RedisDistributedCache.IsOutage(ex))
        {
            // The local eviction happened; only recording the tag time in L2 failed.
            LogPublishFailed(logger, ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static InvalidationMessage? Parse(RedisValue value)
    {
        try
        {
            return JsonSerializer.Deserialize<InvalidationMessage>(value.ToString());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record InvalidationMessage(string Origin, string[] Tags);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to cache invalidations yet ({Reason}); the connection retries")]
    private static partial void LogSubscribeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a cache invalidation ({Reason}); other instances clear their caches when Redis is back")]
    private static partial void LogPublishFailed(ILogger logger, string reason);
}
