using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// One database transaction that several modules' contexts write in, for a use case that must commit across modules
/// at once (a checkout: its idempotency key, orders, voucher use, cart and stock). Scoped to the request. The leading
/// module opens it on its own context; every module operation that takes part calls <see cref="Enlist"/> on its own
/// context first, which points that context at the same connection and transaction. Modules still see only their own
/// tables through their own contexts; what they share is the commit. Without an open shared transaction
/// <see cref="Enlist"/> returns false and each module keeps running its own transactions.
/// </summary>
/// <remarks>
/// Why: a checkout used to be about ten commits (each synced to disk, and on SQLite each queued behind the single
/// writer) with the hot stock rows locked across several of them. One commit is both faster and simpler to reason
/// about: all or nothing by construction, no compensations for a crash between steps.
/// </remarks>
public sealed class SharedStoreTransaction : IAsyncDisposable
{
    private readonly List<(DbContext Db, ModuleContextState? State, int Returns)> _enlisted = [];
    private IDbContextTransaction? _transaction;
    private DbConnection? _connection;
    private DbContext? _leader;

    public bool IsOpen => _transaction is not null;

    /// <summary>Opens the transaction on <paramref name="leader"/>'s connection (on SQLite it takes the write lock now).</summary>
    public async Task BeginAsync(DbContext leader, CancellationToken ct)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A shared store transaction is already open in this scope.");
        }

        _transaction = await leader.Database.BeginTransactionAsync(ct);
        _connection = leader.Database.GetDbConnection();
        _leader = leader;
        WithoutSavepoints(leader);
    }

    /// <summary>
    /// Makes <paramref name="db"/> write in the open shared transaction; true when it does (then the caller must not
    /// begin, commit or roll back a transaction of its own: a failure is reported to the leader, which rolls back all).
    /// </summary>
    public bool Enlist(DbContext db)
    {
        if (_transaction is null || _connection is null)
        {
            return false;
        }

        var transaction = _transaction.GetDbTransaction();
        if (ReferenceEquals(db.Database.CurrentTransaction?.GetDbTransaction(), transaction))
        {
            return true;
        }

        if (!ReferenceEquals(db.Database.GetDbConnection(), _connection))
        {
            (ModuleContextState.Of(db) ?? throw new InvalidOperationException($"{db.GetType().Name} is not configured with UseMarketplaceStore; enlisting needs it."))
                .Borrow(_connection);
        }

        db.Database.UseTransaction(transaction);
        WithoutSavepoints(db);
        return true;
    }

    /// <summary>
    /// EF Core wraps every SaveChanges inside an open transaction in a savepoint (two more statements each, five saves per
    /// checkout), so that a failed save leaves the transaction usable. Here a failed save fails the whole use case and the
    /// leader rolls everything back, so there is nothing to go back to. Restored when the transaction ends.
    /// </summary>
    private void WithoutSavepoints(DbContext db)
    {
        db.Database.AutoSavepointsEnabled = false;
        var state = ModuleContextState.Of(db);
        _enlisted.Add((db, state, state?.Returns ?? 0));
    }

    /// <summary>Commits everything written in it; callbacks registered with <c>AfterCommitAsync</c> run after.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        var transaction = _transaction ?? throw new InvalidOperationException("No shared store transaction is open.");
        await transaction.CommitAsync(ct);
        await EndAsync();
    }

    /// <summary>Rolls back (also what disposing without a commit does).</summary>
    public async ValueTask DisposeAsync() => await EndAsync();

    private async Task EndAsync()
    {
        if (_transaction is null)
        {
            return;
        }

        foreach (var (db, state, returns) in _enlisted)
        {
            if (state is not null && state.Returns != returns)
            {
                // Already back in its pool (the scope ended before this transaction did): the pool's reset rolled back and
                // gave the connection back, and the context may now serve another request; it is not ours to touch.
                continue;
            }

            // Forget the finished transaction and give the leader's connection back: module contexts are pooled, and a
            // context that kept it would run the next request's commands on a connection this request's leader owns.
            db.Database.AutoSavepointsEnabled = true;
            if (!ReferenceEquals(db, _leader))
            {
                db.Database.UseTransaction(null);
                state?.GiveBack();
            }
        }

        _enlisted.Clear();
        await _transaction.DisposeAsync();
        _transaction = null;
        _connection = null;
        _leader = null;
    }
}
