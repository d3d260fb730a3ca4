using System.Collections.Concurrent;
using Marketplace.Exhibitions.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Visits;

/// <summary>Bound from <c>Exhibitions:Visits</c>.</summary>
internal sealed class VisitOptions
{
    /// <summary>One visitor counts once per booth within this window (a reload storm is one visit).</summary>
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Visit requests one visitor may make per minute, over all booths; more get 429.</summary>
    public int PerVisitorPerMinute { get; set; } = 60;
}

/// <summary>
/// The live exhibition counters: the per-visitor rate limit, the 30-minute de-duplication, unique visitors
/// (HyperLogLog) and trending booths. In-process by default; Redis (<c>PFADD</c>/<c>PFCOUNT</c>, sorted sets) when
/// <c>Redis:Configuration</c> is set, so several API instances share them. The store's visit rows stay the truth.
/// </summary>
internal interface IVisitCounters
{
    /// <summary>"redis" or "in_process": what answered the last call (Redis falls back while it is down).</summary>
    string Engine { get; }

    /// <summary>False when the visitor is over the per-minute limit.</summary>
    ValueTask<bool> TryAcquireAsync(string visitorId, DateTimeOffset now);

    /// <summary>True when this visit counts: the visitor has not been counted at this booth within the window.</summary>
    ValueTask<bool> TryStartVisitAsync(Guid boothId, string visitorId, DateTimeOffset now);

    /// <summary>Adds a counted visit to the unique-visitor sketches and the trending set.</summary>
    ValueTask RecordAsync(Guid exhibitionId, Guid boothId, string visitorId, DateTimeOffset now);

    /// <summary>Unique visitors of the exhibition (<paramref name="boothIds"/> null) or of the union of these booths.</summary>
    ValueTask<long> UniqueVisitorsAsync(Guid exhibitionId, IReadOnlyCollection<Guid>? boothIds, CancellationToken ct);

    /// <summary>Booths by counted visits over the last 24 hours, most first; null when this engine keeps no trend (the store answers).</summary>
    ValueTask<IReadOnlyList<(Guid BoothId, long Visits)>?> TrendingAsync(Guid exhibitionId, DateTimeOffset now, int top);
}

/// <summary>Reads the counted visits back from the store, to (re)build sketches after a start or an outage.</summary>
internal sealed class VisitHistory(IServiceScopeFactory scopes)
{
    public async IAsyncEnumerable<(Guid BoothId, string VisitorId, DateTimeOffset At)> StreamAsync(Guid exhibitionId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExhibitionsDbContext>();
        await foreach (var row in db.Visits.AsNoTracking().Where(v => v.ExhibitionId == exhibitionId)
                           .Select(v => new { v.BoothId, v.VisitorId, v.At }).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return (row.BoothId, row.VisitorId, row.At);
        }
    }
}

/// <summary>
/// The embedded engine: everything in this process. Sketches are rebuilt from the store on first use after a start
/// (adding a visitor twice is harmless, so visits recorded while rebuilding are not double-counted). Meant for one
/// instance; several instances need Redis to share de-duplication and rate limits.
/// </summary>
internal sealed class InProcessVisitCounters(VisitHistory history, Microsoft.Extensions.Options.IOptions<VisitOptions> options) : IVisitCounters
{
    private readonly ConcurrentDictionary<string, long> _seenUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateWindow> _rates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, ExhibitionSketches> _sketches = new();
    private long _nextSweep;

    public string Engine => "in_process";

    public ValueTask<bool> TryAcquireAsync(string visitorId, DateTimeOffset now)
    {
        SweepNowAndThen(now);
        var minute = now.ToUnixTimeSeconds() / 60;
        var window = _rates.GetOrAdd(visitorId, _ => new RateWindow());
        lock (window)
        {
            if (window.Minute != minute)
            {
                window.Minute = minute;
                window.Count = 0;
            }

            window.Count++;
            return ValueTask.FromResult(window.Count <= options.Value.PerVisitorPerMinute);
        }
    }

    public ValueTask<bool> TryStartVisitAsync(Guid boothId, string visitorId, DateTimeOffset now)
    {
        var key = boothId.ToString("N") + visitorId;
        var until = (now + options.Value.DedupWindow).UtcTicks;
        while (true)
        {
            if (_seenUntil.TryAdd(key, until))
            {
                return ValueTask.FromResult(true);
            }

            if (!_seenUntil.TryGetValue(key, out var current))
            {
                continue;
            }

            if (current > now.UtcTicks)
            {
                return ValueTask.FromResult(false);
            }

            // Seen, but longer ago than the window: exactly one of the racing requests renews it and counts.
            if (_seenUntil.TryUpdate(key, until, current))
            {
                return ValueTask.FromResult(true);
            }
        }
    }

    public ValueTask RecordAsync(Guid exhibitionId, Guid boothId, string visitorId, DateTimeOffset now)
    {
        var sketches = _sketches.GetOrAdd(exhibitionId, _ => new ExhibitionSketches());
        sketches.Add(boothId, visitorId);
        sketches.Trend.Add(boothId, now);
        return ValueTask.CompletedTask;
    }

    /// <summary>The next count rebuilds this exhibition's sketches from the store first (visits went elsewhere meanwhile).</summary>
    public void MarkStale(Guid exhibitionId)
    {
        if (_sketches.TryGetValue(exhibitionId, out var sketches))
        {
            sketches.MarkStale();
        }
    }

    public async ValueTask<long> UniqueVisitorsAsync(Guid exhibitionId, IReadOnlyCollection<Guid>? boothIds, CancellationToken ct)
    {
        var sketches = _sketches.GetOrAdd(exhibitionId, _ => new ExhibitionSketches());
        await sketches.EnsureHydratedAsync(history, exhibitionId, ct);
        return sketches.Count(boothIds);
    }

    /// <summary>
    /// From per-minute counts kept in memory (hydrated from the store with the sketches): grouping the last day's visit
    /// rows in the store on every call took most of an analytics call at a million visits. Null until hydrated.
    /// </summary>
    public async ValueTask<IReadOnlyList<(Guid BoothId, long Visits)>?> TrendingAsync(Guid exhibitionId, DateTimeOffset now, int top)
    {
        var sketches = _sketches.GetOrAdd(exhibitionId, _ => new ExhibitionSketches());
        await sketches.EnsureHydratedAsync(history, exhibitionId, CancellationToken.None);
        return sketches.Trend.Top(now, top);
    }

    /// <summary>Forgets expired de-duplication marks and old rate windows, at most once a minute.</summary>
    private void SweepNowAndThen(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweep, now.UtcTicks + TimeSpan.TicksPerMinute, next) != next)
        {
            return;
        }

        foreach (var (key, until) in _seenUntil)
        {
            if (until <= now.UtcTicks)
            {
                _seenUntil.TryRemove(KeyValuePair.Create(key, until));
            }
        }

        var minute = now.ToUnixTimeSeconds() / 60;
        foreach (var (key, window) in _rates)
        {
            if (window.Minute < minute - 1)
            {
                _rates.TryRemove(KeyValuePair.Create(key, window));
            }
        }
    }

    private sealed class RateWindow
    {
        public long Minute { get; set; }

        public int Count { get; set; }
    }

    private sealed class ExhibitionSketches
    {
        private readonly HyperLogLog _all = new();
        private readonly ConcurrentDictionary<Guid, HyperLogLog> _booths = new();
        private readonly SemaphoreSlim _hydrating = new(1, 1);
        private volatile bool _hydrated;

        public MinuteTrend Trend { get; private set; } = new();

        public void Add(Guid boothId, string visitorId)
        {
            _all.Add(visitorId);
            _booths.GetOrAdd(boothId, _ => new HyperLogLog()).Add(visitorId);
        }

        public void MarkStale() => _hydrated = false;

        public long Count(IReadOnlyCollection<Guid>? boothIds) =>
            boothIds is null
                ? _all.Count()
                : HyperLogLog.CountUnion(boothIds.Select(id => _booths.TryGetValue(id, out var s) ? s : null).OfType<HyperLogLog>());

        public async Task EnsureHydratedAsync(VisitHistory history, Guid exhibitionId, CancellationToken ct)
        {
            if (_hydrated)
            {
                return;
            }

            await _hydrating.WaitAsync(ct);
            try
            {
                if (_hydrated)
                {
                    return;
                }

                // The trend is rebuilt whole (its counts, unlike the sketches, would double if replayed). A visit that
                // commits while the store is being read and is recorded before the swap can be missed by the new trend:
                // trending is a ranking for a dashboard, and the store's visit rows stay exact.
                // Minutes older than a day are dropped at the first read.
                var trend = new MinuteTrend();
                await foreach (var (boothId, visitorId, at) in history.StreamAsync(exhibitionId, ct))
                {
                    Add(boothId, visitorId);
                    trend.Add(boothId, at);
                }

                Trend = trend;
                _hydrated = true;
            }
            finally
            {
                _hydrating.Release();
            }
        }
    }
}

/// <summary>
/// Counted visits per booth per minute for the last day: trending is the sum of a booth's minutes within the last 24
/// hours (to the minute). Thread-safe; old minutes are dropped as they are passed.
/// </summary>
internal sealed class MinuteTrend
{
    private static readonly long Window = (long)TimeSpan.FromHours(24).TotalMinutes;
    private readonly ConcurrentDictionary<Guid, BoothMinutes> _booths = new();

    public void Add(Guid boothId, DateTimeOffset at) =>
        _booths.GetOrAdd(boothId, _ => new BoothMinutes()).Add(at.ToUnixTimeSeconds() / 60);

    public IReadOnlyList<(Guid BoothId, long Visits)> Top(DateTimeOffset now, int top)
    {
        // A visit at or after now - 24 h counts: its minute is at least the minute of that instant (to the minute).
        var since = (now.ToUnixTimeSeconds() / 60) - Window;
        return _booths
            .Select(b => (BoothId: b.Key, Visits: b.Value.Since(since)))
            .Where(b => b.Visits > 0)
            .OrderByDescending(b => b.Visits).ThenBy(b => b.BoothId)
            .Take(top)
            .ToList();
    }

    private sealed class BoothMinutes
    {
        private readonly SortedDictionary<long, long> _counts = [];
        private readonly Lock _gate = new();

        public void Add(long minute)
        {
            lock (_gate)
            {
                _counts[minute] = _counts.GetValueOrDefault(minute) + 1;
            }
        }

        public long Since(long minute)
        {
            lock (_gate)
            {
                long sum = 0;
                List<long>? old = null;
                foreach (var (m, count) in _counts)
                {
                    if (m >= minute)
                    {
                        sum += count;
                    }
                    else if (m < minute - 60)
                    {
                        (old ??= []).Add(m);
                    }
                }

                foreach (var m in old ?? [])
                {
                    _counts.Remove(m);
                }

                return sum;
            }
        }
    }
}
