using System.Data.Common;
using Marketplace.BuildingBlocks.Persistence;
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

    internal Task MovedAsync()
    {
        Moved();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Moves <see cref="StoreWrites"/> when a writing command has run outside a transaction (it has committed), or when the
/// transaction it ran in commits (through <see cref="CommitCallbacks"/>, which also forgets it on rollback).
/// </summary>
internal sealed class StoreWritesCommandInterceptor(StoreWrites writes) : DbCommandInterceptor
{
    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Wrote(eventData);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Wrote(eventData);
        return ValueTask.FromResult(result);
    }

    // SaveChanges inserts and updates through readers (RETURNING the store-generated values).
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        WroteIfNotQuery(command, eventData);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        WroteIfNotQuery(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        WroteIfNotQuery(command, eventData);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        WroteIfNotQuery(command, eventData);
        return ValueTask.FromResult(result);
    }

    private void WroteIfNotQuery(DbCommand command, CommandExecutedEventData eventData)
    {
        if (!command.CommandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            Wrote(eventData);
        }
    }

    // AfterCommitAsync waits for the context's transaction, or runs at once when there is none (the command has committed).
    private void Wrote(CommandExecutedEventData eventData) =>
        _ = eventData.Context is { } db ? db.AfterCommitAsync(writes.MovedAsync) : writes.MovedAsync();
}
