using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.Caching;

/// <summary>Bound from <c>Redis</c>.</summary>
public sealed class RedisOptions
{
    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=…</c>); empty = no Redis, in-process only.</summary>
    public string Configuration { get; set; } = "";

    /// <summary>
    /// The longest a cache read or write may wait for Redis before the request goes on without it. Kept short: a
    /// cache that is slower than the store is worse than no cache.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Once Redis is set aside (<see cref="FailureThreshold"/>), how long every caller goes without it before trying it
    /// again. A Redis that is up but slow would otherwise cost every request one time-out per Redis call it makes.
    /// </summary>
    public TimeSpan FailureCoolDown { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many Redis calls must time out or fail within <see cref="FailureWindow"/> — and be at least as many as the
    /// calls that succeeded in it — before the process sets Redis aside for <see cref="FailureCoolDown"/>. One slow call
    /// is not enough: on a CPU-saturated instance a call can miss its time-out in the thread pool's queue while Redis
    /// itself is fine, and setting it aside then switched off the cache, rate limits and counters process-wide.
    /// </summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>The span over which failures are counted against <see cref="FailureThreshold"/>.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}

/// <summary>
/// The process's one Redis connection (a multiplexer is thread-safe and meant to be shared), or none when
/// <c>Redis:Configuration</c> is empty. Created with <c>AbortOnConnectFail=false</c>, so a missing Redis never blocks
/// start-up: the multiplexer keeps reconnecting in the background, and callers check <see cref="IsConnected"/> and
/// degrade while it is down. Modules that want Redis for counters or rate limits take this and use
/// <see cref="Multiplexer"/> when <see cref="IsConfigured"/>, with an in-process fallback otherwise.
/// </summary>
public sealed partial class RedisConnection : IDisposable
{
    private readonly ILogger<RedisConnection> _logger;
    private readonly long _coolDownMs;
    private readonly long _windowMs;
    private readonly int _threshold;
    private readonly Lock _gate = new();
    private int _outages;
    private long _skipUntil; // Environment.TickCount64; Redis is not used before then

    // The failure window (under _gate, except the success count): it opens at the first failure after the last one closed.
    private long _windowStart = long.MinValue / 2;
    private int _windowFailures;
    private int _windowSuccesses;

    /// <summary>Set when Redis is set aside; cleared by the first call that succeeds after the cool-down.</summary>
    private volatile bool _onTrial;

    public RedisConnection(IOptions<RedisOptions> redisOptions, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        var options = redisOptions.Value;
        OperationTimeout = options.OperationTimeout;
        _coolDownMs = (long)options.FailureCoolDown.TotalMilliseconds;
        _windowMs = Math.Max(1, (long)options.FailureWindow.TotalMilliseconds);
        _threshold = Math.Max(1, options.FailureThreshold);
        if (!options.IsConfigured)
        {
            return;
        }

        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 1000);
        configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 1000);
        configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 1000);
        // Try again every half second after a failure instead of backing off to many seconds: the site runs degraded
        // until Redis is back, so coming back quickly matters more than sparing a few connection attempts.
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        configuration.ClientName ??= "marketplace-api";
        Multiplexer = ConnectionMultiplexer.Connect(configuration);
        Multiplexer.ConnectionFailed += (_, e) =>
        {
            Interlocked.Increment(ref _outages);
            LogConnectionFailed(_logger, e.EndPoint?.ToString() ?? "?", e.ConnectionType.ToString(), e.FailureType.ToString());
        };
        Multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(_logger, e.EndPoint?.ToString() ?? "?", e.ConnectionType.ToString());
    }

    /// <summary>Null when no Redis is configured.</summary>
    public IConnectionMultiplexer? Multiplexer { get; }

    [MemberNotNullWhen(true, nameof(Multiplexer))]
    public bool IsConfigured => Multiplexer is not null;

    /// <summary>
    /// Connected, and not set aside after a run of failed calls (<see cref="ReportFailure"/>, within the last
    /// <see cref="RedisOptions.FailureCoolDown"/>): callers use Redis only while this is true, and degrade otherwise.
    /// </summary>
    [MemberNotNullWhen(true, nameof(Multiplexer))]
    public bool IsConnected => Multiplexer?.IsConnected == true && Environment.TickCount64 >= Volatile.Read(ref _skipUntil);

    /// <summary>The longest one Redis call may keep a request waiting (<see cref="RedisOptions.OperationTimeout"/>).</summary>
    public TimeSpan OperationTimeout { get; }

    /// <summary>
    /// Counts connection failures and the times Redis was set aside; a change tells a cache that it may have missed
    /// invalidations. A single failed call does not count: the subscription that brings other instances' invalidations
    /// runs on its own connection, whose loss is a connection failure.
    /// </summary>
    public int Outages => Volatile.Read(ref _outages);

    /// <summary>
    /// An invalidation could not be sent through Redis (its publish failed): counted as an outage without setting Redis
    /// aside, so this instance's cache drops what it holds once, as it did when any failure set Redis aside. (The other
    /// instances cannot hear of it; their entries' local lifetime bounds how long they may serve the old value.)
    /// </summary>
    public void ReportInvalidationLost() => Interlocked.Increment(ref _outages);

    /// <summary>
    /// A Redis call answered in time. Weighs against failures in the current window, and ends the trial after a cool-down.
    /// Cheap: called on every successful call.
    /// </summary>
    public void ReportSuccess()
    {
        Interlocked.Increment(ref _windowSuccesses);
        if (_onTrial)
        {
            _onTrial = false;
        }
    }

    /// <summary>
    /// A Redis call timed out or failed (the caller has answered without Redis). Redis is set aside for the cool-down —
    /// every caller goes without it, then the next calls try it again — when <see cref="RedisOptions.FailureThreshold"/>
    /// calls failed within <see cref="RedisOptions.FailureWindow"/> and no more succeeded meanwhile, or when this is the
    /// first failure after a cool-down with no success since (still down: no need to wait for another run). Setting it
    /// aside counts as an outage (invalidations may have been missed or may arrive late).
    /// </summary>
    public void ReportFailure(Exception failure)
    {
        var now = Environment.TickCount64;
        lock (_gate)
        {
            if (now < _skipUntil)
            {
                return; // already set aside (a call that was under way when it happened)
            }

            if (now - _windowStart >= _windowMs)
            {
                _windowStart = now;
                _windowFailures = 0;
                Interlocked.Exchange(ref _windowSuccesses, 0);
            }

            _windowFailures++;
            var setAside = _onTrial || (_windowFailures >= _threshold && _windowFailures >= Volatile.Read(ref _windowSuccesses));
            if (!setAside)
            {
                LogCallFailed(_logger, failure.GetType().Name, _windowFailures, _threshold);
                return;
            }

            Volatile.Write(ref _skipUntil, now + _coolDownMs);
            _windowStart = long.MinValue / 2;
            _onTrial = true;
            Interlocked.Increment(ref _outages);
        }

        LogSetAside(_logger, failure.GetType().Name, _coolDownMs);
    }

    public void Dispose() => Multiplexer?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} ({ConnectionType}) lost: {FailureType}; serving from the store until it is back")]
    private static partial void LogConnectionFailed(ILogger logger, string endPoint, string connectionType, string failureType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis calls keep failing ({Failure}); going without Redis for {CoolDownMs} ms")]
    private static partial void LogSetAside(ILogger logger, string failure, long coolDownMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A Redis call failed ({Failure}), {Failures} of {Threshold} in the window; still using Redis")]
    private static partial void LogCallFailed(ILogger logger, string failure, int failures, int threshold);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} ({ConnectionType}) restored")]
    private static partial void LogConnectionRestored(ILogger logger, string endPoint, string connectionType);
}
