using System.Collections.Concurrent;
using System.Globalization;
using Marketplace.BuildingBlocks.Caching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Exhibitions.Visits;

/// <summary>
/// The scale-out engine, on the shared multiplexer: <c>INCR</c> per visitor-minute for the rate limit, <c>SET NX PX</c>
/// for the 30-minute de-duplication, <c>PFADD</c>/<c>PFCOUNT</c> HyperLogLogs per exhibition and per booth (a union of
/// booths is one <c>PFCOUNT k1 k2 …</c>), and an hourly sorted set per exhibition (<c>ZINCRBY</c>, unioned over 24
/// hours) for trending booths. While Redis is down every call falls back to the in-process engine, so a visit is never
/// refused because of Redis; exhibitions whose writes were missed are rebuilt from the store when Redis is back.
/// </summary>
internal sealed partial class RedisVisitCounters(
    RedisConnection redis,
    InProcessVisitCounters fallback,
    VisitWriter writer,
    IOptions<VisitOptions> options,
    IOptions<RedisOptions> redisOptions,
    ILogger<RedisVisitCounters> logger) : IVisitCounters
{
    private const string Prefix = "mp:exh:";
    private static readonly TimeSpan TrendBucketLifetime = TimeSpan.FromHours(26);

    /// <summary>Exhibitions with visits Redis did not get (written during an outage): their sketches are rebuilt.</summary>
    private readonly ConcurrentDictionary<Guid, byte> _missed = new();
    private readonly ConcurrentDictionary<Guid, Task> _rebuilds = new();
    private volatile string _engine = "redis";

    public string Engine => _engine;

    public string OwnEngine => "redis";

    public async ValueTask<bool> TryAcquireAsync(string visitorId, DateTimeOffset now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        var result = await TryRedisAsync<bool?>(async db =>
        {
            var key = (RedisKey)$"{Prefix}rl:{visitorId}:{minute.ToString(CultureInfo.InvariantCulture)}";
            var count = await db.StringIncrementAsync(key);
            if (count == 1)
            {
                await db.KeyExpireAsync(key, TimeSpan.FromMinutes(2), flags: CommandFlags.FireAndForget);
            }

            return (bool?)(count <= options.Value.PerVisitorPerMinute);
        });
        return result ?? await fallback.TryAcquireAsync(visitorId, now);
    }

    public async ValueTask<bool> TryStartVisitAsync(Guid boothId, string visitorId, DateTimeOffset now)
    {
        var result = await TryRedisAsync<bool?>(async db =>
            (bool?)await db.StringSetAsync($"{Prefix}seen:{boothId:N}:{visitorId}", 1, options.Value.DedupWindow, When.NotExists));
        return result ?? await fallback.TryStartVisitAsync(boothId, visitorId, now);
    }

    public async ValueTask RecordAsync(Guid exhibitionId, Guid boothId, string visitorId, DateTimeOffset now)
    {
        var done = await TryRedisAsync<bool?>(async db =>
        {
            var batch = db.CreateBatch();
            var trend = TrendKey(exhibitionId, now);
            var tasks = new Task[]
            {
                batch.HyperLogLogAddAsync(ExhibitionKey(exhibitionId), visitorId),
                batch.HyperLogLogAddAsync(BoothKey(boothId), visitorId),
                batch.SortedSetIncrementAsync(trend, boothId.ToString("N"), 1),
                batch.KeyExpireAsync(trend, TrendBucketLifetime),
            };
            batch.Execute();
            await Task.WhenAll(tasks);
            return (bool?)true;
        });
        if (done is null)
        {
            // Redis missed this visit: remember to rebuild its sketches from the store. The in-process ones (which answer
            // while Redis is down) read the visit's row from the store themselves.
            _missed.TryAdd(exhibitionId, 0);
            await fallback.RecordAsync(exhibitionId, boothId, visitorId, now);
        }
    }

    /// <summary>
    /// Rate limit, de-duplication, sketches and trend in one Lua script (atomic, one round trip): a counted visit cost
    /// three round trips before (<c>INCR</c>, <c>SET NX</c>, then the <c>PFADD</c>/<c>ZINCRBY</c> batch). The keys and
    /// their lifetimes are those of the three separate steps. While Redis is down the in-process engine does all three.
    /// </summary>
    public async ValueTask<VisitOutcome> CountAsync(Guid exhibitionId, Guid boothId, string visitorId, DateTimeOffset now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        var outcome = await TryRedisAsync<VisitOutcome?>(async db =>
        {
            RedisKey[] keys =
            [
                $"{Prefix}rl:{visitorId}:{minute.ToString(CultureInfo.InvariantCulture)}",
                $"{Prefix}seen:{boothId:N}:{visitorId}",
                ExhibitionKey(exhibitionId),
                BoothKey(boothId),
                TrendKey(exhibitionId, now),
            ];
            RedisValue[] values =
            [
                options.Value.PerVisitorPerMinute,
                (long)options.Value.DedupWindow.TotalMilliseconds,
                visitorId,
                boothId.ToString("N"),
                (long)TrendBucketLifetime.TotalMilliseconds,
            ];
            // A restarted Redis has forgotten the script: the client resends it whole on NOSCRIPT (tested by the outage test).
            var result = await db.ScriptEvaluateAsync(CountScript, keys, values);
            return (VisitOutcome?)(VisitOutcome)(long)result;
        });
        if (outcome is { } answered)
        {
            return answered;
        }

        var fallen = await fallback.CountAsync(exhibitionId, boothId, visitorId, now);
        if (fallen == VisitOutcome.Counted)
        {
            _missed.TryAdd(exhibitionId, 0); // Redis' sketches miss this visit: rebuilt from the store when it is back
        }

        return fallen;
    }

    /// <summary>Returns a <see cref="VisitOutcome"/>: 0 rate-limited, 1 de-duplicated, 2 counted.</summary>
    private const string CountScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], 120000) end
        if n > tonumber(ARGV[1]) then return 0 end
        if not redis.call('SET', KEYS[2], '1', 'PX', ARGV[2], 'NX') then return 1 end
        redis.call('PFADD', KEYS[3], ARGV[3])
        redis.call('PFADD', KEYS[4], ARGV[3])
        redis.call('ZINCRBY', KEYS[5], 1, ARGV[4])
        redis.call('PEXPIRE', KEYS[5], ARGV[5])
        return 2
        """;

    public async ValueTask<IReadOnlyList<long>> UniqueVisitorsAsync(Guid exhibitionId, IReadOnlyList<IReadOnlyCollection<Guid>?> groups, CancellationToken ct)
    {
        // Redis answers only once its sketches hold every stored visit; until then (a fresh or restarted Redis, or visits
        // it missed) they are rebuilt in the background and the in-process engine answers meanwhile. The check and every
        // count go in one batch: one round trip for the ~30 counts of a dashboard.
        var counts = await TryRedisAsync<long[]>(async db =>
        {
            var batch = db.CreateBatch();
            var ready = batch.KeyExistsAsync(MarkerKey(exhibitionId));
            var lengths = groups.Select(group => group switch
            {
                null => batch.HyperLogLogLengthAsync(ExhibitionKey(exhibitionId)),
                { Count: 0 } => Task.FromResult(0L),
                _ => batch.HyperLogLogLengthAsync(group.Select(BoothKey).ToArray()),
            }).ToArray();
            batch.Execute();
            if (_missed.ContainsKey(exhibitionId) || !await ready)
            {
                StartRebuild(exhibitionId);
                await Task.WhenAll(lengths); // nothing left outstanding
                return null;
            }

            return await Task.WhenAll(lengths);
        });
        if (counts is null)
        {
            _engine = "in_process";
            return await fallback.UniqueVisitorsAsync(exhibitionId, groups, ct);
        }

        return counts;
    }

    private void StartRebuild(Guid exhibitionId) =>
        _rebuilds.GetOrAdd(exhibitionId, id => Task.Run(async () =>
        {
            try
            {
                _missed.TryRemove(id, out _);
                await RebuildAsync(redis.Multiplexer!.GetDatabase(), id, CancellationToken.None);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
            {
                _missed.TryAdd(id, 0);
                LogRedisFailed(logger, ex.GetType().Name);
            }
            finally
            {
                _rebuilds.TryRemove(id, out _);
            }
        }));

    public async ValueTask<IReadOnlyList<(Guid BoothId, long Visits)>?> TrendingAsync(Guid exhibitionId, DateTimeOffset now, int top)
    {
        return await TryRedisAsync<IReadOnlyList<(Guid, long)>>(async db =>
        {
            var keys = Enumerable.Range(0, 24).Select(h => TrendKey(exhibitionId, now.AddHours(-h))).ToArray();
            var entries = await db.SortedSetCombineWithScoresAsync(SetOperation.Union, keys);
            IReadOnlyList<(Guid, long)> trending = entries.OrderByDescending(e => e.Score).ThenBy(e => (string?)e.Element, StringComparer.Ordinal).Take(top)
                .Select(e => (Guid.ParseExact((string)e.Element!, "N"), (long)e.Score)).ToList();
            return trending;
        });
    }

    /// <summary>
    /// Hands Redis the in-process engine's sketches of the exhibition — the store's visit rows as of now (the queued
    /// ones written first), from its snapshot and the rows after it, and the same view that answers while Redis is not
    /// ready — merged register by register into the exhibition's and each booth's HyperLogLog (the in-process sketch
    /// hashes as Redis does, so its registers are Redis' registers), then sets the marker. Visits Redis counted meanwhile
    /// stay: a merge only raises registers. Before, every visit row was read from the store again and sent with
    /// <c>PFADD</c> (a million visits: seconds of both cores, competing with every request, and started over by every
    /// restart); now it is one value per booth.
    /// </summary>
    private async Task RebuildAsync(IDatabase db, Guid exhibitionId, CancellationToken ct)
    {
        await writer.FlushAsync(ct);
        var view = await fallback.CurrentAsync(exhibitionId, ct);
        var (all, booths) = view.Sketches;
        var sketches = booths.Select(b => (Key: BoothKey(b.Key), Sketch: b.Value)).Prepend((Key: ExhibitionKey(exhibitionId), Sketch: all));
        // A few dozen at a time (up to ~12 KB each): the visits' own calls share the connection and go in between.
        foreach (var chunk in sketches.Chunk(32))
        {
            var batch = db.CreateBatch();
            var merges = chunk.Select(s => batch.ScriptEvaluateAsync(MergeScript, [s.Key, SeedKey], [s.Sketch.ToRedis()])).ToArray();
            batch.Execute();
            await Task.WhenAll(merges);
        }

        await db.StringSetAsync(MarkerKey(exhibitionId), 1);
    }

    /// <summary>KEYS[1] = the sketch, raised to at least ARGV[1] (a HyperLogLog value); KEYS[2] a scratch key. Atomic.</summary>
    private const string MergeScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then
          redis.call('SET', KEYS[1], ARGV[1])
        else
          redis.call('SET', KEYS[2], ARGV[1])
          redis.call('PFMERGE', KEYS[1], KEYS[2])
          redis.call('DEL', KEYS[2])
        end
        return 1
        """;

    private async ValueTask<T?> TryRedisAsync<T>(Func<IDatabase, Task<T?>> operation)
    {
        if (!redis.IsConnected)
        {
            _engine = "in_process";
            return default;
        }

        try
        {
            var task = operation(redis.Multiplexer.GetDatabase());
            var result = await task.WaitAsync(redisOptions.Value.OperationTimeout * 4);
            redis.ReportSuccess();
            _engine = "redis";
            return result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _engine = "in_process";
            redis.ReportFailure(ex);
            LogRedisFailed(logger, ex.GetType().Name);
            return default;
        }
    }

    /// <summary>Set once the exhibition's sketches hold every stored visit.</summary>
    private static RedisKey MarkerKey(Guid exhibitionId) => $"{Prefix}{exhibitionId:N}:hydrated";

    private static readonly RedisKey SeedKey = $"{Prefix}seed";

    private static RedisKey ExhibitionKey(Guid exhibitionId) => $"{Prefix}{exhibitionId:N}:uv";

    private static RedisKey BoothKey(Guid boothId) => $"{Prefix}booth:{boothId:N}:uv";

    private static RedisKey TrendKey(Guid exhibitionId, DateTimeOffset at) =>
        $"{Prefix}{exhibitionId:N}:trend:{at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exhibition counters: Redis call failed ({Failure}); using the in-process counters")]
    private static partial void LogRedisFailed(ILogger logger, string failure);
}
