using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Exhibitions.Analytics;

/// <summary>
/// A number that moves after every write this process commits through the module's store (visit batches, leads,
/// attribution, booths — SaveChanges, ExecuteUpdate and raw SQL alike): while it has not moved, nothing the analytics
/// read from the store has changed here, so a computed answer can be served again (<see cref="AnalyticsAnswers"/>).
/// It moves after the commit, never only before it: an answer computed while a write was in flight is stamped with
/// the number read before the computation and is therefore not served once the write's move lands.
/// </summary>
internal sealed class StoreWrites
{
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    internal void Moved() => Interlocked.Increment(ref _version);
}

/// <summary>
/// Moves <see cref="StoreWrites"/> when a writing command has run: at once when it ran outside a transaction (it has
/// committed), and again when its transaction commits.
/// </summary>
internal sealed class StoreWritesCommandInterceptor(StoreWrites writes) : DbCommandInterceptor
{
    /// <summary>Transactions in which a writing command ran: their commit moves the version.</summary>
    internal static readonly ConditionalWeakTable<DbTransaction, object> Dirty = [];

    private static readonly object Mark = new();

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Wrote(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Wrote(command);
        return ValueTask.FromResult(result);
    }

    // SaveChanges inserts and updates through readers (RETURNING the store-generated values).
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        WroteIfNotQuery(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        WroteIfNotQuery(command);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        WroteIfNotQuery(command);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        WroteIfNotQuery(command);
        return ValueTask.FromResult(result);
    }

    private void WroteIfNotQuery(DbCommand command)
    {
        if (!command.CommandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            Wrote(command);
        }
    }

    private void Wrote(DbCommand command)
    {
        if (command.Transaction is { } transaction)
        {
            Dirty.AddOrUpdate(transaction, Mark);
        }

        writes.Moved();
    }
}

/// <summary>Moves <see cref="StoreWrites"/> when a transaction in which something was written commits.</summary>
internal sealed class StoreWritesTransactionInterceptor(StoreWrites writes) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    private void Committed(DbTransaction transaction)
    {
        if (StoreWritesCommandInterceptor.Dirty.TryGetValue(transaction, out _))
        {
            StoreWritesCommandInterceptor.Dirty.Remove(transaction);
            writes.Moved();
        }
    }
}
