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

    /// <summary>How often the in-process counters' snapshots are brought up to date and saved (also at shutdown).</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// True (the default): a counted visit is answered once it is queued for the store, and the queue is written in
    /// batches right behind; a crash (kill -9, power loss) may lose the visits still queued — at most
    /// <see cref="MaxQueued"/>, in practice the last few milliseconds'. False: each answer waits for its batch's commit.
    /// </summary>
    public bool AnswerBeforeCommit { get; set; } = true;

    /// <summary>Visits waiting for the store at most; more wait for room (back-pressure when the store is slow).</summary>
    public int MaxQueued { get; set; } = 10_000;
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

    /// <summary>The engine this one answers with when all is well; <see cref="Engine"/> differs while the in-process one stands in.</summary>
    string OwnEngine { get; }

    /// <summary>False when the visitor is over the per-minute limit.</summary>
    ValueTask<bool> TryAcquireAsync(string visitorId, DateTimeOffset now);

    /// <summary>True when this visit counts: the visitor has not been counted at this booth within the window.</summary>
    ValueTask<bool> TryStartVisitAsync(Guid boothId, string visitorId, DateTimeOffset now);

    /// <summary>Adds a counted visit to the unique-visitor sketches and the trending set.</summary>
    ValueTask RecordAsync(Guid exhibitionId, Guid boothId, string visitorId, DateTimeOffset now);

    /// <summary>
    /// The three steps of a visit to a booth known to be open and live, in one go: <see cref="TryAcquireAsync"/>, then
    /// <see cref="TryStartVisitAsync"/>, then <see cref="RecordAsync"/> — with Redis one round trip instead of three.
    /// </summary>
    ValueTask<VisitOutcome> CountAsync(Guid exhibitionId, Guid boothId, string visitorId, DateTimeOffset now);

    /// <summary>
    /// Unique visitors of each group, in order: the whole exhibition (a null group) or the union of the group's booths.
    /// All at once, so an analytics call asks Redis once (one round trip) rather than once per count.
    /// </summary>
    ValueTask<IReadOnlyList<long>> UniqueVisitorsAsync(Guid exhibitionId, IReadOnlyList<IReadOnlyCollection<Guid>?> groups, CancellationToken ct);

    /// <summary>Booths by counted visits over the last 24 hours, most first; null when this engine keeps no trend (the store answers).</summary>
    ValueTask<IReadOnlyList<(Guid BoothId, long Visits)>?> TrendingAsync(Guid exhibitionId, DateTimeOffset now, int top);
}

internal enum VisitOutcome
{
    RateLimited,
    Deduplicated,
    Counted,
}

/// <summary>Reads the counted visits back from the store, to (re)build sketches after a start or an outage.</summary>
internal sealed class VisitHistory(IServiceScopeFactory scopes)
{
    /// <summary>The exhibition's visit rows with an id above <paramref name="afterId"/>, in id (= commit) order.</summary>
    public async IAsyncEnumerable<(long Id, Guid BoothId, string VisitorId, DateTimeOffset At)> StreamAsync(Guid exhibitionId, long afterId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExhibitionsDbContext>();
        await foreach (var row in db.Visits.AsNoTracking().Where(v => v.ExhibitionId == exhibitionId && v.Id > afterId).OrderBy(v => v.Id)
                           .Select(v => new { v.Id, v.BoothId, v.VisitorId, v.At }).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return (row.Id, row.BoothId, row.VisitorId, row.At);
        }
    }
}

/// <summary>
/// The embedded engine: everything in this process. Unique-visitor sketches and the 24-hour trend are a view of the
/// store's visit rows, brought up to date before each count by reading only the rows committed since (by id), and saved
/// as a snapshot (<see cref="CounterSnapshots"/>) now and then and at shutdown — so the first count after a restart
/// reads the snapshot and the few rows written after it, not every visit. Meant for one instance (the visit rows must
/// commit in id order, which the one <see cref="VisitWriter"/> of an instance guarantees); several instances need Redis,
/// which also shares de-duplication and rate limits.
/// </summary>
internal sealed class InProcessVisitCounters(VisitHistory history, CounterSnapshots snapshots, VisitWriter writer, Microsoft.Extensions.Options.IOptions<VisitOptions> options) : IVisitCounters
{
    private readonly ConcurrentDictionary<string, long> _seenUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateWindow> _rates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, ExhibitionView> _views = new();

    /// <summary>Exhibitions visited since the keeper last brought their views up to date and saved them.</summary>
    private readonly ConcurrentDictionary<Guid, byte> _visited = new();
    private long _nextSweep;

    public string Engine => "in_process";

    public string OwnEngine => Engine;

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

    /// <summary>
    /// Nothing to add here: the visit's row is the truth and the view reads it before the next count. Only notes the
    /// exhibition, so the keeper brings its view up to date and saves it while nobody is looking.
    /// </summary>
    public ValueTask RecordAsync(Guid exhibitionId, Guid boothId, string visitorId, DateTimeOffset now)
    {
        _visited.TryAdd(exhibitionId, 0);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<VisitOutcome> CountAsync(Guid exhibitionId, Guid boothId, string visitorId, DateTimeOffset now)
    {
        if (!await TryAcquireAsync(visitorId, now))
        {
            return VisitOutcome.RateLimited;
        }

        if (!await TryStartVisitAsync(boothId, visitorId, now))
        {
            return VisitOutcome.Deduplicated;
        }

        await RecordAsync(exhibitionId, boothId, visitorId, now);
        return VisitOutcome.Counted;
    }

    public async ValueTask<IReadOnlyList<long>> UniqueVisitorsAsync(Guid exhibitionId, IReadOnlyList<IReadOnlyCollection<Guid>?> groups, CancellationToken ct)
    {
        var view = await CurrentAsync(exhibitionId, ct);
        return groups.Select(view.Count).ToList();
    }

    /// <summary>From per-minute counts kept in memory: grouping the last day's visit rows on every call took most of an analytics call at a million visits.</summary>
    public async ValueTask<IReadOnlyList<(Guid BoothId, long Visits)>?> TrendingAsync(Guid exhibitionId, DateTimeOffset now, int top)
    {
        var view = await CurrentAsync(exhibitionId, CancellationToken.None);
        return view.Trend.Top(now, top);
    }

    /// <summary>The exhibition's view, loaded (snapshot + later rows) on first use and brought up to the store's last row.</summary>
    public async Task<ExhibitionView> CurrentAsync(Guid exhibitionId, CancellationToken ct)
    {
        var view = _views.GetOrAdd(exhibitionId, id => new ExhibitionView(id));
        await view.CatchUpAsync(history, snapshots, writer.Committed, ct);
        return view;
    }

    /// <summary>
    /// The keeper's round: brings the views of visited exhibitions up to date, then saves every view that is ahead of
    /// its snapshot. Returns how many snapshots were written.
    /// </summary>
    public async Task<int> SaveSnapshotsAsync(CancellationToken ct)
    {
        foreach (var id in _visited.Keys)
        {
            _visited.TryRemove(id, out _);
            await CurrentAsync(id, ct);
        }

        var saved = 0;
        foreach (var view in _views.Values)
        {
            saved += await view.SaveIfAheadAsync(snapshots, ct) ? 1 : 0;
        }

        return saved;
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
}

/// <summary>
/// One exhibition's sketches and trend, exactly the store's visit rows up to <see cref="UpTo"/> (ids are applied in
/// order, and only here, under the gate — so a snapshot of it is consistent with its <see cref="UpTo"/>).
/// </summary>
internal sealed class ExhibitionView(Guid exhibitionId)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HyperLogLog _all = new();
    private ConcurrentDictionary<Guid, HyperLogLog> _booths = new();
    private volatile bool _loaded;
    private long _savedUpTo = -1;
    private long _readAtWritten = -1;

    public Guid ExhibitionId => exhibitionId;

    public MinuteTrend Trend { get; private set; } = new();

    /// <summary>The id of the last visit row applied.</summary>
    public long UpTo { get; private set; }

    /// <summary>The <see cref="UpTo"/> of the snapshot this view was loaded from (-1: none), and the rows read since.</summary>
    public long LoadedFrom { get; private set; } = -1;

    public long RowsRead { get; private set; }

    /// <summary>The exhibition's sketch and its booths', for handing them to Redis (<see cref="HyperLogLog.ToRedis"/>).</summary>
    public (HyperLogLog All, KeyValuePair<Guid, HyperLogLog>[] Booths) Sketches => (_all, _booths.ToArray());

    public long Count(IReadOnlyCollection<Guid>? boothIds) =>
        boothIds is null
            ? _all.Count()
            : HyperLogLog.CountUnion(boothIds.Select(id => _booths.TryGetValue(id, out var s) ? s : null).OfType<HyperLogLog>());

    /// <param name="written">The writer's <see cref="VisitWriter.Committed"/>: while it has not moved since the last
    /// read, there is no new row to read (an analytics call asks for counts some thirty times).</param>
    public async Task CatchUpAsync(VisitHistory history, CounterSnapshots snapshots, long written, CancellationToken ct)
    {
        if (_loaded && Volatile.Read(ref _readAtWritten) == written)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_loaded && _readAtWritten == written)
            {
                return;
            }

            if (!_loaded)
            {
                if (await snapshots.LoadAsync(exhibitionId, ct) is { } snapshot)
                {
                    (_all, _booths, Trend, UpTo) = (snapshot.All, snapshot.Booths, snapshot.Trend, snapshot.UpTo);
                    _savedUpTo = LoadedFrom = snapshot.UpTo;
                }

                _loaded = true;
            }

            await foreach (var (id, boothId, visitorId, at) in history.StreamAsync(exhibitionId, UpTo, ct))
            {
                _all.Add(visitorId);
                _booths.GetOrAdd(boothId, _ => new HyperLogLog()).Add(visitorId);
                Trend.Add(boothId, at);
                UpTo = id;
                RowsRead++;
            }

            // Read before the rows: a batch committed meanwhile moves the writer on, and the next call reads again.
            Volatile.Write(ref _readAtWritten, written);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Saves a snapshot when rows were applied since the last one; serialised under the gate, written outside it.</summary>
    public async Task<bool> SaveIfAheadAsync(CounterSnapshots snapshots, CancellationToken ct)
    {
        byte[] data;
        long upTo;
        await _gate.WaitAsync(ct);
        try
        {
            if (!_loaded || UpTo == _savedUpTo)
            {
                return false;
            }

            upTo = UpTo;
            data = CounterSnapshots.Serialize(_all, _booths, Trend);
        }
        finally
        {
            _gate.Release();
        }

        await snapshots.SaveAsync(exhibitionId, upTo, data, ct);
        _savedUpTo = upTo;
        return true;
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

    /// <summary>Every booth's minutes, for a snapshot: booth, then (minute, count) pairs, oldest first.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        var booths = _booths.ToArray();
        writer.Write7BitEncodedInt(booths.Length);
        foreach (var (boothId, minutes) in booths)
        {
            writer.Write(boothId.ToByteArray());
            minutes.WriteTo(writer);
        }
    }

    public static MinuteTrend ReadFrom(BinaryReader reader)
    {
        var trend = new MinuteTrend();
        var count = reader.Read7BitEncodedInt();
        for (var i = 0; i < count; i++)
        {
            var boothId = new Guid(reader.ReadBytes(16));
            trend._booths[boothId] = BoothMinutes.ReadFrom(reader);
        }

        return trend;
    }

    /// <summary>
    /// A booth's counts by minute and their running total: a 24-hour sum is the total less the few minutes kept just
    /// before the window, so a dashboard call costs ~60 steps per booth, not 1,440.
    /// </summary>
    private sealed class BoothMinutes
    {
        private readonly SortedDictionary<long, long> _counts = [];
        private readonly Lock _gate = new();
        private long _total;

        public void Add(long minute)
        {
            lock (_gate)
            {
                _counts[minute] = _counts.GetValueOrDefault(minute) + 1;
                _total++;
            }
        }

        /// <summary>The sum of the minutes at or after <paramref name="minute"/>; minutes an hour older are dropped.</summary>
        public long Since(long minute)
        {
            lock (_gate)
            {
                long before = 0;
                List<long>? old = null;
                foreach (var (m, count) in _counts)
                {
                    if (m >= minute)
                    {
                        break;
                    }

                    if (m < minute - 60)
                    {
                        (old ??= []).Add(m);
                        _total -= count;
                    }
                    else
                    {
                        before += count;
                    }
                }

                foreach (var m in old ?? [])
                {
                    _counts.Remove(m);
                }

                return _total - before;
            }
        }

        public void WriteTo(BinaryWriter writer)
        {
            lock (_gate)
            {
                writer.Write7BitEncodedInt(_counts.Count);
                long previous = 0;
                foreach (var (m, count) in _counts)
                {
                    writer.Write7BitEncodedInt64(m - previous);
                    writer.Write7BitEncodedInt64(count);
                    previous = m;
                }
            }
        }

        public static BoothMinutes ReadFrom(BinaryReader reader)
        {
            var minutes = new BoothMinutes();
            var count = reader.Read7BitEncodedInt();
            long minute = 0;
            for (var i = 0; i < count; i++)
            {
                minute += reader.Read7BitEncodedInt64();
                var visits = reader.Read7BitEncodedInt64();
                minutes._counts[minute] = visits;
                minutes._total += visits;
            }

            return minutes;
        }
    }
}
