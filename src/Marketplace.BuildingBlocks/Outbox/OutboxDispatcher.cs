using System.Reflection;
using System.Text.Json;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Outbox;

public sealed class OutboxOptions
{
    /// <summary>
    /// How long an idle dispatcher sleeps when nothing wakes it. Every commit that writes outbox rows wakes its module's
    /// dispatcher at once, and a failed event's retry time shortens the sleep, so the poll only catches what this process
    /// did not write (another instance's rows on a shared PostgreSQL, rows left by a crash). It used to be 1 s: about 24
    /// idle queries a second over the nine modules.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    public int BatchSize { get; set; } = 100;

    /// <summary>After this many failed attempts an event is parked (see <see cref="IOutboxDeadLetters"/>).</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>How often the dispatcher recounts its parked events for the gauge.</summary>
    public TimeSpan ParkedCountInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Delivers one module's outbox to the in-process handlers, oldest first, at least once: a row is marked processed
/// only after every handler succeeded; a failure is retried with back-off. Handlers must be idempotent. After
/// <see cref="OutboxOptions.MaxAttempts"/> failures an event is parked: no longer picked up (so it never takes a batch
/// slot from the events behind it), counted in <c>marketplace_outbox_parked</c>, listed and retried by an admin.
/// </summary>
internal sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    OutboxSignal<TContext> signal,
    IntegrationEventTypes eventTypes,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    OutboxDeadLetters<TContext> deadLetters,
    OutboxGauges gauges,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private static readonly MethodInfo DispatchMethod =
        typeof(OutboxDispatcher<TContext>).GetMethod(nameof(DispatchTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>UTC ticks of the earliest retry of a failed event not yet due, or MaxValue.</summary>
    private long _nextRetryAtTicks = long.MaxValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? countedAt = null; // real time (a test's frozen clock must not stop the gauge)
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (countedAt is null || Environment.TickCount64 - countedAt >= options.Value.ParkedCountInterval.TotalMilliseconds)
                {
                    gauges.Set(deadLetters.Module, await deadLetters.CountAsync(stoppingToken));
                    countedAt = Environment.TickCount64;
                }

                var delivered = await DeliverPendingAsync(stoppingToken);
                if (delivered < options.Value.BatchSize)
                {
                    await signal.WaitAsync(NextWait(), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store may be briefly unavailable; nothing is lost, the rows stay pending.
                LogDispatchFailed(logger, typeof(TContext).Name, ex);
                await Task.Delay(options.Value.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>The poll interval, or less when a failed event's retry falls due sooner.</summary>
    private TimeSpan NextWait()
    {
        var poll = options.Value.PollInterval;
        var retryAt = Interlocked.Read(ref _nextRetryAtTicks);
        if (retryAt == long.MaxValue)
        {
            return poll;
        }

        var untilRetry = new DateTimeOffset(retryAt, TimeSpan.Zero) - clock.GetUtcNow();
        if (untilRetry <= poll)
        {
            // Due within this wait: forget it (the next batch picks it up, and a new failure sets a new time).
            Interlocked.Exchange(ref _nextRetryAtTicks, long.MaxValue);
        }

        return untilRetry < TimeSpan.Zero ? TimeSpan.Zero : untilRetry < poll ? untilRetry : poll;
    }

    private void RememberRetry(DateTimeOffset at)
    {
        long current;
        while ((current = Interlocked.Read(ref _nextRetryAtTicks)) > at.UtcTicks
               && Interlocked.CompareExchange(ref _nextRetryAtTicks, at.UtcTicks, current) != current)
        {
        }
    }

    /// <summary>Delivers one batch; returns how many rows it looked at. Public so tests and the CLI can drain the outbox.</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken ct)
    {
        // One delivery pass at a time in this process, whether started by the loop, the CLI or a test.
        await _gate.WaitAsync(ct);
        try
        {
            return await DeliverBatchAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> DeliverBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = clock.GetUtcNow();
        var maxAttempts = options.Value.MaxAttempts;

        if (db.Database.IsNpgsql())
        {
            return await DeliverClaimedBatchAsync(scope.ServiceProvider, db, now, maxAttempts, ct);
        }

        // SQLite: one process owns the file, and the gate above already serialises delivery in that process. Rows waiting
        // out a back-off are left out of the batch, so failing events never crowd out the ones behind them.
        var batch = await db.Set<OutboxMessage>()
            .Where(m => m.ProcessedAt == null && m.Attempts < maxAttempts && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);

        var looked = 0;
        var superseded = Superseded(batch);
        var delivered = new List<long>(batch.Count);
        foreach (var message in batch)
        {
            if (message.NextAttemptAt is { } next && next > now)
            {
                continue;
            }

            looked++;
            await DeliverAsync(scope.ServiceProvider, message, superseded, delivered, ct);
        }

        // One commit marks the whole batch. Should the process die before it, the batch is delivered again: at least once,
        // as always (handlers are idempotent), but not one commit per event on the store's single writer. The marking runs
        // in a transaction so that it queues behind this process's other writers (SqliteWriteGate gates transactions; a
        // bare statement would meet SQLite's 150 ms busy sleeps instead). An idle pass takes no write lock at all.
        if (delivered.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await MarkAsync(db, delivered, ct);
            await transaction.CommitAsync(ct);
        }
        else
        {
            await MarkAsync(db, delivered, ct);
        }

        return looked;
    }

    /// <summary>
    /// The delivered rows are marked by one statement, whatever the batch's size (EF would update them one by one); the
    /// failed ones, changed on their tracked entities (attempts, error, next try), by the save after it.
    /// </summary>
    private async Task MarkAsync(TContext db, List<long> delivered, CancellationToken ct)
    {
        if (delivered.Count > 0)
        {
            var processedAt = clock.GetUtcNow();
            await db.Set<OutboxMessage>().Where(m => delivered.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, processedAt).SetProperty(m => m.LastError, (string?)null), ct);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// PostgreSQL, where several API instances share the outbox: the batch is claimed with <c>SELECT … FOR UPDATE SKIP
    /// LOCKED</c> inside a transaction that stays open while the batch is delivered, so another instance skips these
    /// rows (and takes the next ones) instead of delivering them concurrently. The row locks are the lease: if this
    /// process dies, the transaction rolls back and the rows are pending again — still at least once, and consumers
    /// stay idempotent through their inbox. Ordering is by id within a batch, not across instances.
    /// </summary>
    private async Task<int> DeliverClaimedBatchAsync(IServiceProvider services, TContext db, DateTimeOffset now, int maxAttempts, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))
            ?? throw new InvalidOperationException($"{typeof(TContext).Name} has no outbox (AddOutboxAndInbox).");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sqlHelper = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sqlHelper.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var qualifiedTable = sqlHelper.DelimitIdentifier(table.Name, table.Schema);

#pragma warning disable EF1002 // Identifiers come from the EF model, never from input; values are parameters.
        var sql = $$"""
            SELECT * FROM {{qualifiedTable}}
            WHERE {{Column(nameof(OutboxMessage.ProcessedAt))}} IS NULL
              AND {{Column(nameof(OutboxMessage.Attempts))}} < {0}
              AND ({{Column(nameof(OutboxMessage.NextAttemptAt))}} IS NULL OR {{Column(nameof(OutboxMessage.NextAttemptAt))}} <= {1})
            ORDER BY {{Column(nameof(OutboxMessage.Id))}}
            LIMIT {2}
            FOR UPDATE SKIP LOCKED
            """;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.Set<OutboxMessage>().FromSqlRaw(sql, maxAttempts, now, options.Value.BatchSize).ToListAsync(ct);
#pragma warning restore EF1002
        var superseded = Superseded(batch);
        var delivered = new List<long>(batch.Count);
        foreach (var message in batch)
        {
            await DeliverAsync(services, message, superseded, delivered, ct);
        }

        await MarkAsync(db, delivered, ct);
        await transaction.CommitAsync(ct);
        return batch.Count;
    }

    /// <summary>
    /// The messages of the batch that a later message of the batch supersedes (<see cref="ISupersededByLater"/>): during a
    /// sale a hot product's stock changes many times a second, and its consumers need only the latest.
    /// </summary>
    private HashSet<OutboxMessage> Superseded(List<OutboxMessage> batch)
    {
        var latest = new Dictionary<(string Type, string Key), OutboxMessage>();
        var superseded = new HashSet<OutboxMessage>();
        foreach (var message in batch)
        {
            var type = eventTypes.Find(message.Type);
            if (type is null || !typeof(ISupersededByLater).IsAssignableFrom(type)
                || JsonSerializer.Deserialize(message.Payload, type, OutboxMessage.Json) is not ISupersededByLater e)
            {
                continue;
            }

            if (latest.TryGetValue((message.Type, e.SupersedingKey), out var earlier))
            {
                superseded.Add(earlier);
            }

            latest[(message.Type, e.SupersedingKey)] = message;
        }

        return superseded;
    }

    /// <summary>Delivers one message; its id joins <paramref name="delivered"/> on success, a failure is noted on it.</summary>
    private async Task DeliverAsync(
        IServiceProvider services, OutboxMessage message, HashSet<OutboxMessage> superseded, List<long> delivered, CancellationToken ct)
    {
        try
        {
            // A superseded message: a later event of this batch reports the newer state; delivering it would only redo work.
            if (!superseded.Contains(message))
            {
                await DispatchAsync(services, message, ct);
            }

            delivered.Add(message.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            message.Attempts++;
            message.LastError = Truncate(ex.GetType().Name + ": " + ex.Message, 2000);
            message.NextAttemptAt = clock.GetUtcNow() + Backoff(message.Attempts);
            RememberRetry(message.NextAttemptAt.Value);
            if (message.Attempts >= options.Value.MaxAttempts)
            {
                LogParked(logger, message.Type, message.EventId, message.Attempts, ex);
            }
            else
            {
                LogHandlerFailed(logger, message.Type, message.EventId, message.Attempts, ex);
            }
        }
    }

    private async Task DispatchAsync(IServiceProvider services, OutboxMessage message, CancellationToken ct)
    {
        var type = eventTypes.Find(message.Type)
            ?? throw new InvalidOperationException($"Unknown integration event type '{message.Type}'.");
        var integrationEvent = (IntegrationEvent)(JsonSerializer.Deserialize(message.Payload, type, OutboxMessage.Json)
            ?? throw new InvalidOperationException("Empty event payload."));

        // Each handler runs in its own scope, so one handler's DbContext state never leaks into another's.
        await using var handlerScope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var task = (Task)DispatchMethod.MakeGenericMethod(type).Invoke(null, [handlerScope.ServiceProvider, integrationEvent, ct])!;
        await task;
    }

    private static async Task DispatchTypedAsync<TEvent>(IServiceProvider services, IntegrationEvent integrationEvent, CancellationToken ct)
        where TEvent : IntegrationEvent
    {
        foreach (var handler in services.GetServices<IIntegrationEventHandler<TEvent>>())
        {
            await handler.HandleAsync((TEvent)integrationEvent, ct);
        }
    }

    private static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempts, 10)) / 4));

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch for {Context} failed; rows stay pending")]
    private static partial void LogDispatchFailed(ILogger logger, string context, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler for {EventType} {EventId} failed {Attempts} times; the event is parked until an administrator retries it")]
    private static partial void LogParked(ILogger logger, string eventType, Guid eventId, int attempts, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for {EventType} {EventId} failed (attempt {Attempts}); will retry")]
    private static partial void LogHandlerFailed(ILogger logger, string eventType, Guid eventId, int attempts, Exception ex);
}
