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
    /// After a Redis call times out or fails, how long every caller goes without Redis before trying it again. A Redis
    /// that is up but slow would otherwise cost every request one time-out per Redis call it makes.
    /// </summary>
    public TimeSpan FailureCoolDown { get; set; } = TimeSpan.FromSeconds(5);

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
    private int _outages;
    private long _skipUntil; // Environment.TickCount64; Redis is not used before then

    public RedisConnection(IOptions<RedisOptions> redisOptions, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        var options = redisOptions.Value;
        OperationTimeout = options.OperationTimeout;
        _coolDownMs = (long)options.FailureCoolDown.TotalMilliseconds;
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
    /// Connected, and no call failed or timed out within the last <see cref="RedisOptions.FailureCoolDown"/>
    /// (<see cref="ReportFailure"/>): callers use Redis only while this is true, and degrade otherwise.
    /// </summary>
    [MemberNotNullWhen(true, nameof(Multiplexer))]
    public bool IsConnected => Multiplexer?.IsConnected == true && Environment.TickCount64 >= Volatile.Read(ref _skipUntil);

    /// <summary>The longest one Redis call may keep a request waiting (<see cref="RedisOptions.OperationTimeout"/>).</summary>
    public TimeSpan OperationTimeout { get; }

    /// <summary>Counts connection failures and slow spells; a change tells a cache that it may have missed invalidations.</summary>
    public int Outages => Volatile.Read(ref _outages);

    /// <summary>
    /// A Redis call timed out or failed: every caller goes without Redis for the cool-down, then the next call tries
    /// it again. Counts as an outage (invalidations may have been missed or may arrive late).
    /// </summary>
    public void ReportFailure(Exception failure)
    {
        var now = Environment.TickCount64;
        if (Interlocked.Exchange(ref _skipUntil, now + _coolDownMs) <= now)
        {
            Interlocked.Increment(ref _outages);
            LogSlow(_logger, failure.GetType().Name, _coolDownMs);
        }
    }

    public void Dispose() => Multiplexer?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} ({ConnectionType}) lost: {FailureType}; serving from the store until it is back")]
    private static partial void LogConnectionFailed(ILogger logger, string endPoint, string connectionType, string failureType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Redis call failed ({Failure}); going without Redis for {CoolDownMs} ms")]
    private static partial void LogSlow(ILogger logger, string failure, long coolDownMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} ({ConnectionType}) restored")]
    private static partial void LogConnectionRestored(ILogger logger, string endPoint, string connectionType);
}
