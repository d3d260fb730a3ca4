using System.Threading.RateLimiting;
using Marketplace.BuildingBlocks.Caching;
using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.RateLimiting;

/// <summary>
/// A fixed-window limit shared by every API instance: one Redis counter per partition and window
/// (<c>INCRBY</c> + <c>PEXPIRE</c> in one script, so a counter never outlives its window). While Redis is not
/// configured, down or slow, it degrades to an in-process fixed window, so a Redis outage loosens the limit to
/// per-instance instead of refusing or failing requests.
/// </summary>
internal sealed class RedisFixedWindowRateLimiter : RateLimiter
{
    private const string IncrementScript =
        "local c = redis.call('INCRBY', KEYS[1], ARGV[1]) " +
        "if c == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end " +
        "return c";

    private readonly RedisConnection _redis;
    private readonly string _key;
    private readonly FixedWindowRateLimiterOptions _options;
    private readonly TimeProvider _time;
    private readonly FixedWindowRateLimiter _fallback;
    private long _lastUsedTimestamp;

    public RedisFixedWindowRateLimiter(RedisConnection redis, string key, FixedWindowRateLimiterOptions options, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PermitLimit, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Window, TimeSpan.Zero);
        _redis = redis;
        _key = key;
        _options = options;
        _time = time;
        _fallback = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.PermitLimit,
            Window = options.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        _lastUsedTimestamp = time.GetTimestamp();
    }

    /// <summary>The partition key as a Redis key: <c>marketplace:ratelimit:{policy}:{partition}</c>.</summary>
    public static string KeyFor(string policy, string partition) => $"marketplace:ratelimit:{policy}:{partition}";

    public override TimeSpan? IdleDuration => _time.GetElapsedTime(Interlocked.Read(ref _lastUsedTimestamp));

    public override RateLimiterStatistics? GetStatistics() => _fallback.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Touch();
        if (permitCount == 0 || !_redis.IsConnected)
        {
            return _fallback.AttemptAcquire(permitCount);
        }

        var (key, expiry, retryAfter) = Window();
        try
        {
            var call = _redis.Multiplexer.GetDatabase().ScriptEvaluateAsync(IncrementScript, [key], [permitCount, expiry]);
            if (!call.Wait(_redis.OperationTimeout))
            {
                throw new TimeoutException($"Redis did not answer within {_redis.OperationTimeout}.");
            }

            _redis.ReportSuccess();
            return Lease((long)call.Result, retryAfter);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or AggregateException { InnerException: RedisException or TimeoutException })
        {
            _redis.ReportFailure(e);
            return _fallback.AttemptAcquire(permitCount);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Touch();
        if (permitCount == 0 || !_redis.IsConnected)
        {
            return await _fallback.AcquireAsync(permitCount, cancellationToken);
        }

        var (key, expiry, retryAfter) = Window();
        try
        {
            var count = (long)await _redis.Multiplexer.GetDatabase().ScriptEvaluateAsync(IncrementScript, [key], [permitCount, expiry])
                .WaitAsync(_redis.OperationTimeout, cancellationToken);
            _redis.ReportSuccess();
            return Lease(count, retryAfter);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _redis.ReportFailure(e);
            return await _fallback.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Touch() => Interlocked.Exchange(ref _lastUsedTimestamp, _time.GetTimestamp());

    private (RedisKey Key, long ExpiryMs, TimeSpan RetryAfter) Window()
    {
        var windowMs = (long)_options.Window.TotalMilliseconds;
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var index = nowMs / windowMs;
        var remaining = ((index + 1) * windowMs) - nowMs;
        return ($"{_key}:{index}", remaining + 1000, TimeSpan.FromMilliseconds(remaining));
    }

    private RateLimitLease Lease(long count, TimeSpan retryAfter) =>
        count <= _options.PermitLimit ? Granted.Instance : new Refused(retryAfter);

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    private sealed class Refused(TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}

/// <summary>Partitions for ASP.NET Core's rate limiter that are shared across instances when Redis is configured.</summary>
public static class DistributedRateLimitPartition
{
    /// <summary>
    /// A fixed window per <paramref name="partition"/>: in Redis (shared by every instance) when
    /// <c>Redis:Configuration</c> is set, else in-process.
    /// </summary>
    public static RateLimitPartition<string> GetFixedWindowLimiter(
        RedisConnection redis, TimeProvider time, string policy, string partition, FixedWindowRateLimiterOptions options) =>
        redis.IsConfigured
            ? RateLimitPartition.Get(partition, p => new RedisFixedWindowRateLimiter(redis, RedisFixedWindowRateLimiter.KeyFor(policy, p), options, time))
            : RateLimitPartition.GetFixedWindowLimiter(partition, _ => options);
}
