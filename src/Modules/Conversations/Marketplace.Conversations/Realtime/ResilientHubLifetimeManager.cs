using System.Collections.Concurrent;
using Marketplace.BuildingBlocks.Caching;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Marketplace.Conversations.Realtime;

/// <summary>
/// The hub's lifetime manager: SignalR's Redis backplane while Redis is reachable (a message sent on one instance reaches
/// the other instances' clients), and SignalR's in-process manager when it is not configured or is down — so a Redis
/// outage degrades chat to "delivered within this instance" instead of "not delivered at all" (the stock Redis manager
/// only delivers through Redis, even to its own clients). Both managers know every connection and group, so either can
/// deliver at any moment; the process's one <see cref="RedisConnection"/> multiplexer is shared, not a second connection.
/// </summary>
internal sealed partial class ResilientHubLifetimeManager<THub> : HubLifetimeManager<THub>
    where THub : Hub
{
    private readonly DefaultHubLifetimeManager<THub> _local;
    private readonly RedisHubLifetimeManager<THub>? _redis;
    private readonly RedisConnection _connection;
    private readonly ILogger _logger;

    // Connections the Redis manager knows (it was reachable when they connected); only those are handed to it later.
    private readonly ConcurrentDictionary<string, byte> _onRedis = new(StringComparer.Ordinal);

    public ResilientHubLifetimeManager(IServiceProvider services, RedisConnection connection, ILogger<ResilientHubLifetimeManager<THub>> logger)
    {
        _connection = connection;
        _logger = logger;
        _local = ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<THub>>(services);
        if (connection.IsConfigured)
        {
            var multiplexer = connection.Multiplexer;
            var options = Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions
            {
                ConnectionFactory = _ => Task.FromResult(multiplexer),
            });
            options.Value.Configuration.ChannelPrefix = RedisChannel.Literal("marketplace-chat");
            _redis = ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<THub>>(services, options);
        }
    }

    /// <summary>
    /// How long joining the backplane (a connection's or a group's subscription) may take before this instance gives
    /// up on Redis for it. A subscription that gives up leaves its client unreachable from the other instances until it
    /// reconnects, so it gets far longer than the process's <c>Redis:OperationTimeout</c> (250 ms, meant for a cache or
    /// a counter that has a local answer): on a busy machine a SUBSCRIBE took longer and a client on B never heard A.
    /// It is paid on connect and join, never per message.
    /// </summary>
    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The backplane is used while the multiplexer's socket is up — not the process-wide "no Redis for 5 s after a run
    /// of failed calls" of <see cref="RedisConnection.IsConnected"/>. That cool-down suits callers whose local answer is
    /// as good (the cache, rate limits); for the chat a local answer drops every recipient on another instance, so slow
    /// rate-limit calls on a busy machine must not switch cross-instance delivery off for 5 s (the two-instance bench
    /// delivered 3–7 of ~150 messages a second that way). A publish still waits at most <c>Redis:OperationTimeout</c>
    /// before delivering in-process too, and is not cancelled: while Redis is slow it reaches the other instances late
    /// rather than never. A Redis that is down closes the socket and is skipped at once.
    /// </summary>
    private bool RedisUp => _redis is not null && _connection.Multiplexer?.IsConnected == true;

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await _local.OnConnectedAsync(connection);
        if (RedisUp && await TryRedisAsync(() => _redis!.OnConnectedAsync(connection), SubscribeTimeout))
        {
            _onRedis[connection.ConnectionId] = 0;
        }
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        await _local.OnDisconnectedAsync(connection);
        if (_onRedis.TryRemove(connection.ConnectionId, out _))
        {
            await TryRedisAsync(() => _redis!.OnDisconnectedAsync(connection), SubscribeTimeout);
        }
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await _local.AddToGroupAsync(connectionId, groupName, cancellationToken);
        if (RedisUp && _onRedis.ContainsKey(connectionId))
        {
            await TryRedisAsync(() => _redis!.AddToGroupAsync(connectionId, groupName, cancellationToken), SubscribeTimeout);
        }
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await _local.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        if (RedisUp && _onRedis.ContainsKey(connectionId))
        {
            await TryRedisAsync(() => _redis!.RemoveFromGroupAsync(connectionId, groupName, cancellationToken), SubscribeTimeout);
        }
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(m => m.SendAllAsync(methodName, args, cancellationToken));

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(m => m.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(m => m.SendConnectionAsync(connectionId, methodName, args, cancellationToken));

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(m => m.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken));

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(m => m.SendGroupAsync(groupName, methodName, args, cancellationToken));

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(m => m.SendGroupsAsync(groupNames, methodName, args, cancellationToken));

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(m => m.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(m => m.SendUserAsync(userId, methodName, args, cancellationToken));

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(m => m.SendUsersAsync(userIds, methodName, args, cancellationToken));

    /// <summary>Through Redis (which also delivers to this instance's clients) while it is up; otherwise, or when publishing fails, in-process.</summary>
    private async Task SendAsync(Func<HubLifetimeManager<THub>, Task> send)
    {
        if (RedisUp && await TryRedisAsync(() => send(_redis!), _connection.OperationTimeout))
        {
            return;
        }

        await send(_local);
    }

    /// <summary>
    /// A backplane call bounded by <paramref name="timeout"/>. On a publish's time-out the message may still go through
    /// Redis late as well as locally now: delivery is at least once, and clients drop a message whose <c>seq</c> they
    /// already show (chat.js does). A failure is still reported, so health shows the cache degraded.
    /// </summary>
    private async Task<bool> TryRedisAsync(Func<Task> call, TimeSpan timeout)
    {
        try
        {
            await call().WaitAsync(timeout);
            _connection.ReportSuccess();
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            _connection.ReportFailure(e);
            LogRedisFailed(_logger, e.GetType().Name, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat backplane (Redis) unavailable ({Kind}: {Reason}); delivering within this instance")]
    private static partial void LogRedisFailed(ILogger logger, string kind, string reason);
}
