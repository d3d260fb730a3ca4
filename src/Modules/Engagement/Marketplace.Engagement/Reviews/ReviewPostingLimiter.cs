using System.Threading.RateLimiting;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.RateLimiting;
using Microsoft.Extensions.Options;

namespace Marketplace.Engagement.Reviews;

/// <summary>
/// Two limits on posting reviews, both of which must grant: per client address (many accounts from one place) and per
/// account (one account from many places). Each is a fixed window shared by every API instance through Redis when
/// it is configured (<see cref="DistributedRateLimitPartition"/>), per instance otherwise or while Redis is down.
/// The host's rate-limiting middleware allows one policy per endpoint, hence a chained limiter called by the handler.
/// </summary>
internal sealed class ReviewPostingLimiter : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly PartitionedRateLimiter<(string Address, Guid Account)> _limiter;

    public ReviewPostingLimiter(RedisConnection redis, TimeProvider time, IOptions<ReviewOptions> options)
    {
        var limits = options.Value;
        var byAddress = PartitionedRateLimiter.Create<(string Address, Guid Account), string>(key =>
            DistributedRateLimitPartition.GetFixedWindowLimiter(redis, time, "engagement.reviews.address", key.Address,
                new FixedWindowRateLimiterOptions { PermitLimit = limits.PostsPerAddressPerHour, Window = Window, QueueLimit = 0 }));
        var byAccount = PartitionedRateLimiter.Create<(string Address, Guid Account), string>(key =>
            DistributedRateLimitPartition.GetFixedWindowLimiter(redis, time, "engagement.reviews.account", key.Account.ToString("N"),
                new FixedWindowRateLimiterOptions { PermitLimit = limits.PostsPerAccountPerHour, Window = Window, QueueLimit = 0 }));
        _limiter = PartitionedRateLimiter.CreateChained(byAddress, byAccount);
    }

    /// <summary>Null when granted; otherwise how long to wait.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(HttpContext http, Guid account, CancellationToken ct)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = await _limiter.AcquireAsync((address, account), 1, ct);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
    }

    public void Dispose() => _limiter.Dispose();
}
