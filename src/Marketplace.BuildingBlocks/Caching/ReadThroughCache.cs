using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Caching;

/// <summary>Bound from <c>Cache</c>.</summary>
public sealed class CacheOptions
{
    /// <summary>How long an entry lives in Redis (L2).</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an entry lives in each instance's memory (L1). Invalidation evicts it earlier.</summary>
    public TimeSpan LocalExpiration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Off = every read goes to the store (for benchmarks and troubleshooting).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// The cache modules use for hot reads (a product page, a shop page, taxonomy, popular searches): HybridCache (L1 in
/// memory, L2 in Redis when configured) plus invalidation by tag on every instance.
/// <code>
/// var product = await cache.GetOrCreateAsync($"catalog:product:{id}", [$"catalog:shop:{shopId}"],
///     ct => LoadProductAsync(db, id, ct), ct);
/// // after SaveChanges of a change to the product:
/// await cache.InvalidateAsync([$"catalog:product:{id}"], ct);
/// </code>
/// The key is always also a tag, so invalidating by key needs nothing more. While Redis is configured but unreachable
/// the cache is bypassed (reads come from the store): other instances' invalidations cannot reach this one then, and
/// a stale page is worse than a slower one. When Redis is back, L1 is emptied once before caching resumes.
/// <para>
/// A fill loses to an eviction that happened while it read the store. The read may have seen the row before the change
/// whose eviction it was, yet HybridCache keeps such a value: finding the tag invalidated after the factory returns, it
/// re-dates the entry to "now" and stores it, and the stale page stays until it expires. So the factory runs between
/// two readings of <see cref="CacheEvictions"/>' count for the entry's key and tags; when it moved, the value is not
/// stored (this read and the ones that joined it read once more, and if that read is overtaken too, it is served
/// uncached). An eviction that lands between that check and HybridCache's own store is caught after the store: the
/// entry is evicted again, on every instance.
/// </para>
/// </summary>
public sealed partial class ReadThroughCache(
    HybridCache cache,
    CacheEvictions evictions,
    ICacheInvalidation invalidation,
    IOptions<CacheOptions> cacheOptions,
    RedisConnection redis,
    ILogger<ReadThroughCache> logger)
{
    private readonly CacheOptions _options = cacheOptions.Value;

    private readonly HybridCacheEntryOptions _entryOptions = new()
    {
        Expiration = cacheOptions.Value.Expiration,
        LocalCacheExpiration = cacheOptions.Value.LocalExpiration,
    };

    private int _outagesSeen;

    /// <summary>True when reads use the cache; false when it is switched off or Redis is configured but down.</summary>
    public bool IsServing => _options.Enabled && (!redis.IsConfigured || redis.IsConnected);

    public ValueTask<T> GetOrCreateAsync<T>(
        string key,
        IReadOnlyCollection<string> tags,
        Func<CancellationToken, ValueTask<T>> factory,
        CancellationToken ct = default) =>
        GetOrCreateAsync(key, tags, factory, _entryOptions, ct);

    /// <summary>
    /// As above, for data whose freshness is bounded by time rather than by precise invalidation (hot search results:
    /// a second-old page of results is fine, evicting on every index write is not enough on its own).
    /// </summary>
    public ValueTask<T> GetOrCreateAsync<T>(
        string key,
        IReadOnlyCollection<string> tags,
        Func<CancellationToken, ValueTask<T>> factory,
        TimeSpan lifetime,
        CancellationToken ct = default) =>
        GetOrCreateAsync(key, tags, factory, new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime }, ct);

    private async ValueTask<T> GetOrCreateAsync<T>(
        string key,
        IReadOnlyCollection<string> tags,
        Func<CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions entryOptions,
        CancellationToken ct)
    {
        if (!IsServing)
        {
            return await factory(ct);
        }

        await ForgetWhatWeMayHaveMissedAsync(ct);
        string[] entryTags = [key, .. tags];
        for (var attempt = 1; ; attempt++)
        {
            var fill = new Fill<T>(factory, entryTags, evictions);
            T value;
            try
            {
                value = await cache.GetOrCreateAsync(key, fill, static (f, c) => f.RunAsync(c), entryOptions, entryTags, ct);
            }
            catch (OvertakenByEviction<T> overtaken)
            {
                if (attempt < 2)
                {
                    continue;
                }

                // Read after the first eviction, and still not safe to keep: this caller gets it, the cache does not.
                return overtaken.Value;
            }

            if (fill.Ran && evictions.Epoch(entryTags) != fill.Started)
            {
                await invalidation.InvalidateAsync([key], ct);
            }

            return value;
        }
    }

    /// <summary>One run of a factory, told apart from an eviction of its key or tags during the run.</summary>
    private sealed class Fill<T>(Func<CancellationToken, ValueTask<T>> factory, string[] tags, CacheEvictions evictions)
    {
        /// <summary>True when this caller's factory ran (HybridCache runs one per key at a time and lets the others join).</summary>
        public bool Ran { get; private set; }

        public long Started { get; private set; }

        public async ValueTask<T> RunAsync(CancellationToken ct)
        {
            Started = evictions.Epoch(tags);
            Ran = true;
            var value = await factory(ct);
            // Thrown, not returned: HybridCache stores whatever a factory returns and nothing it throws.
            return evictions.Epoch(tags) == Started ? value : throw new OvertakenByEviction<T>(value);
        }
    }

    private sealed class OvertakenByEviction<T>(T value) : Exception("The entry was evicted while its value was read.")
    {
        public T Value { get; } = value;
    }

    /// <summary>Evicts entries with any of these tags (or keys) on every instance. Call after the change committed.</summary>
    public Task InvalidateAsync(IReadOnlyCollection<string> tags, CancellationToken ct = default) =>
        invalidation.InvalidateAsync(tags, ct);

    /// <summary>
    /// After a Redis outage this instance may have missed invalidations from the others: drop every L1 entry (and, by
    /// HybridCache's global tag time, every older L2 entry) once, before serving cached data again.
    /// </summary>
    private async ValueTask ForgetWhatWeMayHaveMissedAsync(CancellationToken ct)
    {
        var outages = redis.Outages;
        if (outages == Volatile.Read(ref _outagesSeen))
        {
            return;
        }

        await evictions.EvictAsync([CacheEvictions.AllEntries], ct);
        Volatile.Write(ref _outagesSeen, outages);
        LogCleared(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: cleared the in-memory cache, which may have missed invalidations")]
    private static partial void LogCleared(ILogger logger);
}
