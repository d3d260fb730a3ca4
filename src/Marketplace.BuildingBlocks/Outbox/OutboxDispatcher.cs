using System.Reflection;
using System.Text.Json;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Outbox;

public sealed class OutboxOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 100;

    public int MaxAttempts { get; set; } = 20;
}

/// <summary>
/// Delivers one module's outbox to the in-process handlers, oldest first, at least once: a row is marked processed
/// only after every handler succeeded; a failure is retried with back-off. Handlers must be idempotent.
/// </summary>
public sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    OutboxSignal<TContext> signal,
    IntegrationEventTypes eventTypes,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private static readonly MethodInfo DispatchMethod =
        typeof(OutboxDispatcher<TContext>).GetMethod(nameof(DispatchTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delivered = await DeliverPendingAsync(stoppingToken);
                if (delivered < options.Value.BatchSize)
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
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

        // SQLite: one process owns the file, and the gate above already serialises delivery in that process.
        var batch = await db.Set<OutboxMessage>()
            .Where(m => m.ProcessedAt == null && m.Attempts < maxAttempts)
            .OrderBy(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);

        var looked = 0;
        foreach (var message in batch)
        {
            if (message.NextAttemptAt is { } next && next > now)
            {
                continue;
            }

            looked++;
            await DeliverAsync(scope.ServiceProvider, message, ct);
            await db.SaveChangesAsync(ct);
        }

        return looked;
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
        string Column(string property) => "\"" + entity.FindProperty(property)!.GetColumnName(table) + "\"";
        var qualifiedTable = (table.Schema is null ? "" : "\"" + table.Schema + "\".") + "\"" + table.Name + "\"";

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
        foreach (var message in batch)
        {
            await DeliverAsync(services, message, ct);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return batch.Count;
    }

    private async Task DeliverAsync(IServiceProvider services, OutboxMessage message, CancellationToken ct)
    {
        try
        {
            await DispatchAsync(services, message, ct);
            message.ProcessedAt = clock.GetUtcNow();
            message.LastError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            message.Attempts++;
            message.LastError = Truncate(ex.GetType().Name + ": " + ex.Message, 2000);
            message.NextAttemptAt = clock.GetUtcNow() + Backoff(message.Attempts);
            LogHandlerFailed(logger, message.Type, message.EventId, message.Attempts, ex);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for {EventType} {EventId} failed (attempt {Attempts}); will retry")]
    private static partial void LogHandlerFailed(ILogger logger, string eventType, Guid eventId, int attempts, Exception ex);
}
