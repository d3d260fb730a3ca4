using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// Queues this process's SQLite write transactions in memory instead of letting them collide in the database file.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time, and EF Core begins every SQLite transaction with <c>BEGIN IMMEDIATE</c> (it takes
/// the write lock at once). When the lock is taken, Microsoft.Data.Sqlite does not wait for it: it puts the thread to
/// sleep for 150 ms and tries again. At 16 concurrent shoppers a writer therefore waited in whole 150 ms steps while
/// holding a thread-pool thread, and the profile of the checkout benchmark showed those sleeps as the largest single
/// item of an add to cart (p99 ≈ 0.8 s). Here a writer awaits an asynchronous gate (first come, first served) from just
/// before <c>BEGIN</c> until its commit, rollback or the connection's close, which is exactly as long as it holds
/// SQLite's lock, so the lock is free whenever the gate lets the next one in.
/// The gate is only a queue: SQLite's own lock still decides correctness. Writers from other processes (a CLI verb
/// beside the server) are not queued here and meet SQLite's busy handling as before; a writer that waited
/// <see cref="MaxWait"/> goes ahead without the gate rather than fail.
/// </remarks>
internal sealed class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    /// <summary>The same as the connections' busy timeout: longer than that SQLite would have failed anyway.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    // One gate per database file (tests run many stores in one process; each has its own writer).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private static readonly ConditionalWeakTable<DbConnection, Holder> Holders = [];

    // How long writers held and waited for the gate, in Stopwatch ticks (all files together): held ÷ elapsed time is the
    // share of time SQLite's single writer was busy, which says whether a write load is bound by the lock or the CPU.
    // Kept per DbContext type (the module), so a load's lock time can be split between the modules that hold it.
    private static readonly ConcurrentDictionary<string, Usage> Usages = new(StringComparer.Ordinal);
    private static readonly Meter Meter = new("Marketplace.Persistence");

    static SqliteWriteGate()
    {
        Meter.CreateObservableCounter("marketplace.sqlite.write_gate.held", () => Observe(u => Seconds(Interlocked.Read(ref u.HeldTicks))), "s",
            "Time SQLite write transactions held this process's write gate");
        Meter.CreateObservableCounter("marketplace.sqlite.write_gate.waited", () => Observe(u => Seconds(Interlocked.Read(ref u.WaitedTicks))), "s",
            "Time SQLite write transactions waited for this process's write gate");
        Meter.CreateObservableCounter("marketplace.sqlite.write_gate.held_cpu", () => Observe(u => Interlocked.Read(ref u.HeldCpuNanoseconds) / 1e9), "s",
            "CPU time the holders' threads used while they held this process's write gate (Linux; a hold that changed threads is left out)");
        Meter.CreateObservableCounter("marketplace.sqlite.write_gate.transactions", () => Observe(u => Interlocked.Read(ref u.Transactions)), "{transaction}",
            "SQLite write transactions that passed this process's write gate");
    }

    private static IEnumerable<Measurement<T>> Observe<T>(Func<Usage, T> value) where T : struct =>
        Usages.Select(u => new Measurement<T>(value(u.Value), new KeyValuePair<string, object?>("context", u.Key)));

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    // Microsoft.Data.Sqlite forgets a transaction's connection when it ends, so the end events find the holder by transaction.
    private static readonly ConditionalWeakTable<DbTransaction, Holder> HoldersByTransaction = [];

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        var gate = Prepare(connection);
        var waiting = Stopwatch.GetTimestamp();
        if (gate.Wait(MaxWait))
        {
            Holders.AddOrUpdate(connection, Holder.Entered(gate, waiting, eventData.Context));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        var gate = Prepare(connection);
        var waiting = Stopwatch.GetTimestamp();
        if (await gate.WaitAsync(MaxWait, cancellationToken))
        {
            Holders.AddOrUpdate(connection, Holder.Entered(gate, waiting, eventData.Context));
        }

        return result;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Remember(connection, result);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Remember(connection, result);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(transaction);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Release(transaction);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Release(transaction);

    // A failed BEGIN holds nothing; a failed COMMIT or ROLLBACK ends in a rollback or a closed connection. Releasing early
    // at worst lets the next writer meet SQLite's own busy handling.
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(transaction);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Release(transaction);

    // A transaction disposed without commit or rollback is rolled back by SQLite when its connection closes (EF closes
    // the connection it opened for the transaction).
    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    void IDbConnectionInterceptor.ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    Task IDbConnectionInterceptor.ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    /// <summary>The file's gate, after letting go of whatever this connection still held: one connection, one transaction.</summary>
    private static SemaphoreSlim Prepare(DbConnection connection)
    {
        Release(connection);
        return Gates.GetOrAdd(connection.DataSource ?? connection.ConnectionString, _ => new SemaphoreSlim(1, 1));
    }

    private static void Remember(DbConnection connection, DbTransaction transaction)
    {
        if (Holders.TryGetValue(connection, out var holder))
        {
            HoldersByTransaction.AddOrUpdate(transaction, holder);
        }
    }

    private static Task Release(DbTransaction transaction)
    {
        if (HoldersByTransaction.TryGetValue(transaction, out var holder))
        {
            HoldersByTransaction.Remove(transaction);
            holder.Release();
        }

        return Task.CompletedTask;
    }

    private static Task Release(DbConnection? connection)
    {
        if (connection is not null && Holders.TryGetValue(connection, out var holder))
        {
            Holders.Remove(connection);
            holder.Release();
        }

        return Task.CompletedTask;
    }

    private sealed class Usage
    {
        public long HeldTicks;
        public long HeldCpuNanoseconds;
        public long WaitedTicks;
        public long Transactions;
    }

    /// <summary>
    /// A hold's wall-clock time is the lock's real cost, but on a busy machine most of it can be the holder waiting for a
    /// core; its thread's CPU time says how much work the hold itself is, which is what a change to the code between
    /// <c>BEGIN</c> and <c>COMMIT</c> moves (and what two builds can be compared on while the machine is noisy).
    /// </summary>
    private sealed class Holder(SemaphoreSlim gate, long entered, Usage usage, int thread, long cpuEntered)
    {
        private int _released;

        public static Holder Entered(SemaphoreSlim gate, long waitingSince, Microsoft.EntityFrameworkCore.DbContext? context)
        {
            var now = Stopwatch.GetTimestamp();
            var usage = Usages.GetOrAdd(context?.GetType().Name ?? "none", _ => new Usage());
            Interlocked.Add(ref usage.WaitedTicks, now - waitingSince);
            Interlocked.Increment(ref usage.Transactions);
            return new Holder(gate, now, usage, Environment.CurrentManagedThreadId, ThreadCpu.Nanoseconds());
        }

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Add(ref usage.HeldTicks, Stopwatch.GetTimestamp() - entered);
                if (cpuEntered >= 0 && thread == Environment.CurrentManagedThreadId && ThreadCpu.Nanoseconds() is var cpu and >= 0)
                {
                    Interlocked.Add(ref usage.HeldCpuNanoseconds, cpu - cpuEntered);
                }

                gate.Release();
            }
        }
    }

    /// <summary>The calling thread's CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>, a vDSO call on Linux); -1 elsewhere.</summary>
    private static class ThreadCpu
    {
        private const int ClockThreadCpuTime = 3;

        public static long Nanoseconds()
        {
            if (!OperatingSystem.IsLinux())
            {
                return -1;
            }

            return ClockGetTime(ClockThreadCpuTime, out var time) == 0 ? (time.Seconds * 1_000_000_000L) + time.Nanoseconds : -1;
        }

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);
    }
}
