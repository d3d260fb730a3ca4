using Microsoft.Extensions.Caching.Hybrid;

namespace Marketplace.BuildingBlocks.Caching;

/// <summary>
/// Every eviction from this instance's HybridCache (a write here, a write on another instance heard over Redis, the
/// clear after an outage) goes through here, and is counted per tag before it happens. <see cref="ReadThroughCache"/>
/// reads the count before and after a fill's factory to tell whether one of the fill's tags was evicted meanwhile: the
/// factory may then have read the store before the change, and HybridCache alone would keep that value (see
/// <see cref="ReadThroughCache"/>).
/// </summary>
public sealed class CacheEvictions(HybridCache cache)
{
    /// <summary>HybridCache's tag for "every entry".</summary>
    internal const string AllEntries = "*";

    // Counters by the tag's hash: fixed memory however many keys there are. Two tags on one counter only make a fill
    // start over needlessly; they never let a stale one be kept.
    private const int Counters = 4096;

    private readonly long[] _counts = new long[Counters];
    private long _allEntries;

    internal async Task EvictAsync(IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        // Counted first: a fill that does not see the count yet is one that HybridCache's tag time still catches, or one
        // ReadThroughCache's check after the store catches.
        foreach (var tag in tags)
        {
            if (tag == AllEntries)
            {
                Interlocked.Increment(ref _allEntries);
            }
            else
            {
                Interlocked.Increment(ref _counts[Index(tag)]);
            }
        }

        await cache.RemoveByTagAsync(tags, ct);
    }

    /// <summary>A number that grows with every eviction of any of these tags (or of every entry), and only then.</summary>
    internal long Epoch(string[] tags)
    {
        var sum = Volatile.Read(ref _allEntries);
        foreach (var tag in tags)
        {
            sum += Volatile.Read(ref _counts[Index(tag)]);
        }

        return sum;
    }

    private static int Index(string tag) => StringComparer.Ordinal.GetHashCode(tag) & (Counters - 1);
}
