using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.BuildingBlocks.Outbox;

/// <summary>
/// Wakes one module's outbox dispatcher as soon as a transaction with events commits, instead of waiting for the
/// next poll. The type parameter keeps each module's signal separate.
/// </summary>
internal sealed class OutboxSignal<TContext> : Background.WakeSignal
    where TContext : DbContext;

/// <summary>Notices outbox rows in a successful SaveChanges and wakes the module's dispatcher.</summary>
internal sealed class OutboxSaveChangesInterceptor<TContext>(OutboxSignal<TContext> signal) : SaveChangesInterceptor
    where TContext : DbContext
{
    // Keyed by context instance: one interceptor serves every context of the module, concurrently.
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeIfNeeded(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeIfNeeded(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // A failed save forgets its rows (pooled contexts serve the next request; it must not wake the dispatcher for them).
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private void Remember(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _pending.AddOrUpdate(context, context);
        }
    }

    private void WakeIfNeeded(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            if (context.Database.CurrentTransaction is { } transaction)
            {
                // Inside a transaction the rows become visible only on commit: wake the dispatcher then, not now (it would
                // find nothing and sleep until its next poll).
                Persistence.CommitCallbacks.Register(transaction.GetDbTransaction(), () =>
                {
                    signal.Notify();
                    return Task.CompletedTask;
                });
            }
            else
            {
                signal.Notify();
            }
        }
    }
}
