using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Marketplace.Exhibitions.Analytics;

/// <summary>Bound from <c>Exhibitions:Analytics</c>.</summary>
internal sealed class AnalyticsOptions
{
    /// <summary>
    /// How long a computed answer may be served again while this process wrote nothing to the module's store: the bound
    /// on how late another instance's writes (and its Redis counts) show on this one. Unset: 5 seconds with Redis counters
    /// (the scale-out set-up), no limit with the in-process ones (meant for one instance). Zero: answers are never kept.
    /// </summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Prepare the dashboards of live, recently visited exhibitions when the process starts (<see cref="AnalyticsWarmUp"/>).</summary>
    public bool WarmUpOnStart { get; set; } = true;
}

/// <summary>
/// The last computed analytics answer per exhibition (and per booth), served again while nothing it depends on can have
/// changed: this process has committed no write to the module's store since (<see cref="StoreWrites"/> — visits, leads,
/// attribution, booths), it is the same minute of the module's clock (the 24-hour trend moves by the minute), it is
/// younger than <see cref="AnalyticsOptions.MaxAge"/> (other instances' writes), and it was answered by the counters'
/// own engine (an answer given by the in-process stand-in during a Redis outage or rebuild is never kept). A dashboard
/// refreshed by many organiser tabs, or polled, is then computed once per change instead of once per call.
/// </summary>
internal sealed class AnalyticsAnswers(StoreWrites writes, IOptions<AnalyticsOptions> options, Visits.IVisitCounters counters)
{
    private const int MaxEntries = 10_000;
    private static readonly TimeSpan SharedMaxAge = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<(Guid ExhibitionId, Guid? BoothId), Entry> _answers = new();

    /// <summary>How many answers were served again, and how many computed (for the benchmark and tests).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    private long _hits;
    private long _misses;

    /// <param name="compute">Computes the answer; its second value says whether it may be kept (the counters' own engine answered).</param>
    public async Task<AnalyticsResponse> GetAsync(Guid exhibitionId, Guid? boothId, DateTimeOffset now, Func<Task<(AnalyticsResponse Answer, bool Keep)>> compute)
    {
        // Read before computing: a write that lands during the computation moves the version past this stamp.
        var version = writes.Version;
        var minute = now.ToUnixTimeSeconds() / 60;
        var key = (exhibitionId, boothId);
        var maxAge = options.Value.MaxAge ?? (counters.OwnEngine == "redis" ? SharedMaxAge : TimeSpan.MaxValue);
        if (_answers.TryGetValue(key, out var kept) && kept.Version == version && kept.Minute == minute
            && (maxAge == TimeSpan.MaxValue || Environment.TickCount64 - kept.ComputedAt < (long)maxAge.TotalMilliseconds))
        {
            Interlocked.Increment(ref _hits);
            return kept.Answer;
        }

        Interlocked.Increment(ref _misses);
        var computedAt = Environment.TickCount64;
        var (answer, keep) = await compute();
        if (keep && maxAge > TimeSpan.Zero)
        {
            if (_answers.Count >= MaxEntries)
            {
                _answers.Clear();
            }

            _answers[key] = new Entry(version, minute, computedAt, answer);
        }

        return answer;
    }

    private sealed record Entry(long Version, long Minute, long ComputedAt, AnalyticsResponse Answer);
}
