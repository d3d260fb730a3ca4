using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Outbox;

/// <summary>An outbox event that failed <see cref="OutboxOptions.MaxAttempts"/> times and is no longer retried by itself.</summary>
public sealed record ParkedEvent(string Module, Guid EventId, string Type, int Attempts, string? LastError, DateTimeOffset OccurredAt);

/// <summary>
/// A module's parked (dead-lettered) outbox events: a handler that throws forever stops being retried after
/// <see cref="OutboxOptions.MaxAttempts"/> attempts, so it costs nothing and never holds up the module's other events;
/// an administrator sees it (<c>GET /api/v1/admin/outbox/parked</c>, the <c>marketplace_outbox_parked</c> gauge) and,
/// once the cause is fixed, sends it round again.
/// </summary>
public interface IOutboxDeadLetters
{
    string Module { get; }

    Task<IReadOnlyList<ParkedEvent>> ListAsync(int max, CancellationToken ct);

    /// <summary>Gives a parked event a fresh set of attempts; false when no such parked event exists here.</summary>
    Task<bool> RetryAsync(Guid eventId, CancellationToken ct);

    Task<int> CountAsync(CancellationToken ct);
}

internal sealed class OutboxDeadLetters<TContext>(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, OutboxSignal<TContext> signal, OutboxGauges gauges)
    : IOutboxDeadLetters
    where TContext : DbContext
{
    private string? _module;

    public string Module => _module ??= ResolveModule();

    public async Task<IReadOnlyList<ParkedEvent>> ListAsync(int max, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var limit = options.Value.MaxAttempts;
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ProcessedAt == null && m.Attempts >= limit)
            .OrderBy(m => m.Id)
            .Take(max)
            .ToListAsync(ct);
        return rows.Select(m => new ParkedEvent(Module, m.EventId, m.Type, m.Attempts, m.LastError, m.OccurredAt)).ToList();
    }

    public async Task<bool> RetryAsync(Guid eventId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var limit = options.Value.MaxAttempts;
        var reset = await db.Set<OutboxMessage>()
            .Where(m => m.EventId == eventId && m.ProcessedAt == null && m.Attempts >= limit)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null), ct);
        if (reset > 0)
        {
            signal.Notify();
            gauges.Set(Module, await CountAsync(ct));
        }

        return reset > 0;
    }

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var limit = options.Value.MaxAttempts;
        return await db.Set<OutboxMessage>().CountAsync(m => m.ProcessedAt == null && m.Attempts >= limit, ct);
    }

    private string ResolveModule()
    {
        using var scope = scopes.CreateScope();
        var table = scope.ServiceProvider.GetRequiredService<TContext>().Model.FindEntityType(typeof(OutboxMessage))?.GetTableName() ?? typeof(TContext).Name;
        return table.EndsWith("_outbox", StringComparison.Ordinal) ? table[..^"_outbox".Length] : table;
    }
}

/// <summary>
/// <c>marketplace_outbox_parked{module}</c>: how many events each module has parked, as last counted by its dispatcher
/// (every few seconds while it runs). Alert on anything above zero.
/// </summary>
internal sealed class OutboxGauges : IDisposable
{
    public const string MeterName = "Marketplace.Outbox";

    private readonly ConcurrentDictionary<string, long> _parked = new(StringComparer.Ordinal);
    private readonly Meter _meter;

    public OutboxGauges(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("marketplace.outbox.parked",
            () => _parked.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("module", p.Key))),
            unit: "{event}", description: "Outbox events that failed every attempt and wait for an administrator.");
    }

    public void Set(string module, long parked) => _parked[module] = parked;

    public void Dispose() => _meter.Dispose();
}
