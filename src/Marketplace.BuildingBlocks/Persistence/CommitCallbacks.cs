using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>Work that must wait until what a context wrote is committed (and is dropped if it is rolled back).</summary>
public static class CommitCallbacks
{
    private static readonly ConditionalWeakTable<DbTransaction, List<Func<Task>>> Pending = [];

    /// <summary>
    /// Runs <paramref name="action"/> now when <paramref name="db"/> is not in a transaction, otherwise right after that
    /// transaction commits — whichever context commits it (a shared transaction is committed by its leader). A cache
    /// eviction before the commit would let a reader cache the old value again until the next change.
    /// </summary>
    public static Task AfterCommitAsync(this DbContext db, Func<Task> action)
    {
        if (db.Database.CurrentTransaction is not { } transaction)
        {
            return action();
        }

        Register(transaction.GetDbTransaction(), action);
        return Task.CompletedTask;
    }

    internal static void Register(DbTransaction transaction, Func<Task> action)
    {
        var actions = Pending.GetOrCreateValue(transaction);
        lock (actions)
        {
            actions.Add(action);
        }
    }

    internal static async Task RunAsync(DbTransaction transaction)
    {
        if (!Pending.TryGetValue(transaction, out var actions))
        {
            return;
        }

        Pending.Remove(transaction);
        foreach (var action in actions)
        {
            try
            {
                await action();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The transaction is committed: a failing follow-up (a cache eviction) must not turn a success into an
                // error the caller would retry. Cache entries expire on their own.
                System.Diagnostics.Trace.TraceWarning("After-commit action failed: {0}", ex);
            }
        }
    }

    internal static void Drop(DbTransaction transaction) => Pending.Remove(transaction);
}

/// <summary>Runs <see cref="CommitCallbacks"/> when a transaction started through EF Core commits.</summary>
internal sealed class CommitCallbacksInterceptor : DbTransactionInterceptor
{
    public static readonly CommitCallbacksInterceptor Instance = new();

    // A provider may reuse its transaction object for the connection's next transaction (Npgsql does): whatever a
    // transaction that was disposed without commit or rollback left registered must not run for the next one.
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        CommitCallbacks.Drop(result);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        CommitCallbacks.Drop(result);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        CommitCallbacks.RunAsync(transaction).GetAwaiter().GetResult();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        CommitCallbacks.RunAsync(transaction);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => CommitCallbacks.Drop(transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        CommitCallbacks.Drop(transaction);
        return Task.CompletedTask;
    }
}
