using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.Caching;

/// <summary>
/// HybridCache's second level (L2) on the shared Redis connection. Every call is bounded by
/// <see cref="RedisOptions.OperationTimeout"/> and never throws: while Redis is down or slow a read is a miss and a
/// write is skipped, so the request is served from the store (HybridCache calls the factory).
/// </summary>
internal sealed partial class RedisDistributedCache(RedisConnection redis, IOptions<RedisOptions> redisOptions, ILogger<RedisDistributedCache> logger) : IDistributedCache
{
    /// <summary>All cache entries share this prefix, so an operator can find (and flush) them apart from other keys.</summary>
    public const string KeyPrefix = "mp:cache:";

    private readonly TimeSpan _timeout = redisOptions.Value.OperationTimeout;

    private IDatabase Db => redis.Multiplexer!.GetDatabase();

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        if (!redis.IsConnected)
        {
            return null;
        }

        try
        {
            var value = await Db.StringGetAsync(KeyPrefix + key).WaitAsync(_timeout, token);
            redis.ReportSuccess();
            return value.IsNull ? null : (byte[]?)value;
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            redis.ReportFailure(ex);
            LogUnavailable(logger, "read", ex.GetType().Name);
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions entryOptions) =>
        SetAsync(key, value, entryOptions).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions entryOptions, CancellationToken token = default)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        try
        {
            var expiry = Expiry(entryOptions);
            await Db.StringSetAsync(KeyPrefix + key, value, expiry is { } ttl ? new Expiration(ttl) : Expiration.Default)
                .WaitAsync(_timeout, token);
            redis.ReportSuccess();
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            redis.ReportFailure(ex);
            LogUnavailable(logger, "write", ex.GetType().Name);
        }
    }

    // HybridCache does not use sliding expiration on L2; refresh has nothing to do.
    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        try
        {
            await Db.KeyDeleteAsync(KeyPrefix + key).WaitAsync(_timeout, token);
            redis.ReportSuccess();
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            redis.ReportFailure(ex);
            LogUnavailable(logger, "remove", ex.GetType().Name);
        }
    }

    private static TimeSpan? Expiry(DistributedCacheEntryOptions entryOptions)
    {
        if (entryOptions.AbsoluteExpirationRelativeToNow is { } relative)
        {
            return relative;
        }

        if (entryOptions.AbsoluteExpiration is { } absolute)
        {
            var left = absolute - DateTimeOffset.UtcNow;
            return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
        }

        return entryOptions.SlidingExpiration;
    }

    internal static bool IsOutage(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis cache {Operation} skipped: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string operation, string reason);
}
