using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Tests;

/// <summary>
/// SQLite writers of one process queue for the single write lock in memory (see <c>SqliteWriteGate</c>): every way a
/// transaction can end must let the next writer in, and concurrent writers must all land.
/// </summary>
public sealed class SqliteWriteQueueTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mp-writegate-" + Guid.NewGuid().ToString("N"));
    private readonly DatabaseOptions _options;

    public SqliteWriteQueueTests()
    {
        _options = new DatabaseOptions { DataDirectory = _folder };
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    // Far below the queue's own 30 s give-up: a writer that waits this long was never let in.
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Sixteen_concurrent_writers_all_commit()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            for (var round = 0; round < 5; round++)
            {
                await using var db = NewContext();
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = $"writer {i} round {round}" });
                await db.SaveChangesAsync();
                db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = $"writer {i} round {round} again" });
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
        })));

        await using var check = NewContext();
        Assert.Equal(16 * 5 * 2, await check.Notes.CountAsync());
    }

    [Fact]
    public async Task Saves_without_an_explicit_transaction_queue_too()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await using var db = NewContext();
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = $"one {i}" });
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = $"two {i}" });
            await db.SaveChangesAsync();
        })));

        await using var check = NewContext();
        Assert.Equal(32, await check.Notes.CountAsync());
    }

    [Fact]
    public async Task A_transaction_rolled_back_disposed_or_failed_lets_the_next_writer_in()
    {
        await using (var rolledBack = NewContext())
        {
            await using var transaction = await rolledBack.Database.BeginTransactionAsync();
            rolledBack.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "rolled back" });
            await rolledBack.SaveChangesAsync();
            await transaction.RollbackAsync();
            await NextWriterGetsInAsync();
        }

        await using (var disposed = NewContext())
        {
            var transaction = await disposed.Database.BeginTransactionAsync();
            disposed.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "never committed" });
            await disposed.SaveChangesAsync();
            await transaction.DisposeAsync();

            // The context (and its connection object) lives on; the queue must not wait for it to be disposed.
            await NextWriterGetsInAsync();
        }

        var duplicate = Guid.NewGuid();
        await using (var failing = NewContext())
        {
            failing.Notes.Add(new Note { Id = duplicate, Text = "first" });
            await failing.SaveChangesAsync();
            failing.ChangeTracker.Clear();
            failing.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "same key" });
            failing.Notes.Add(new Note { Id = duplicate, Text = "same key" });
            await Assert.ThrowsAsync<DbUpdateException>(() => failing.SaveChangesAsync());
            await NextWriterGetsInAsync();
        }

        await using var check = NewContext();
        Assert.DoesNotContain(await check.Notes.Select(n => n.Text).ToListAsync(), t => t is "rolled back" or "never committed" or "same key");
    }

    [Fact]
    public async Task The_gate_reports_held_time_and_transactions_per_context()
    {
        var held = new Dictionary<string, double>();
        var transactions = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Marketplace.Persistence")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        static string Context(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "context")
                {
                    return (string)tag.Value!;
                }
            }

            return "";
        }

        listener.SetMeasurementEventCallback<double>((i, value, tags, _) =>
        {
            if (i.Name == "marketplace.sqlite.write_gate.held")
            {
                held[Context(tags)] = value;
            }
        });
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) =>
        {
            if (i.Name == "marketplace.sqlite.write_gate.transactions")
            {
                transactions[Context(tags)] = value;
            }
        });
        listener.Start();

        listener.RecordObservableInstruments();
        var before = (Held: held.GetValueOrDefault(nameof(NotesContext)), Count: transactions.GetValueOrDefault(nameof(NotesContext)));
        await using (var db = NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "timed" });
            await db.SaveChangesAsync();
            await Task.Delay(50); // held across the delay
            await transaction.CommitAsync();
        }

        listener.RecordObservableInstruments();
        Assert.Equal(before.Count + 1, transactions[nameof(NotesContext)]);
        Assert.InRange(held[nameof(NotesContext)] - before.Held, 0.045, 30);
    }

    [Fact]
    public async Task The_gate_counts_the_holders_cpu_time_not_their_waiting()
    {
        var heldCpu = 0.0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Marketplace.Persistence" && instrument.Name == "marketplace.sqlite.write_gate.held_cpu")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "context" && (string?)tag.Value == nameof(NotesContext))
                {
                    heldCpu = value;
                }
            }
        });
        listener.Start();

        // Nothing in these holds awaits for real (SQLite completes synchronously), so each starts and ends on one thread.
        async Task<double> HoldAsync(Action work)
        {
            listener.RecordObservableInstruments();
            var before = heldCpu;
            await using var db = NewContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "cpu" });
            await db.SaveChangesAsync();
            work();
            await transaction.CommitAsync();
            listener.RecordObservableInstruments();
            return heldCpu - before;
        }

        var busy = await HoldAsync(() =>
        {
            var until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 20); // 50 ms on the CPU
            while (Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(100);
            }
        });
        var sleeping = await HoldAsync(() => Thread.Sleep(50)); // 50 ms held, off the CPU

        if (!OperatingSystem.IsLinux())
        {
            Assert.Equal((0.0, 0.0), (busy, sleeping)); // read with CLOCK_THREAD_CPUTIME_ID: Linux only, nothing counted elsewhere
            return;
        }

        Assert.InRange(busy, 0.02, 30); // at least part of the spin: a busy test machine preempts the spinning thread
        Assert.InRange(sleeping, 0, 0.02);
    }

    private async Task NextWriterGetsInAsync()
    {
        var write = Task.Run(async () =>
        {
            await using var db = NewContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "next" });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });
        Assert.Same(write, await Task.WhenAny(write, Task.Delay(Stuck)));
        await write;
    }

    private NotesContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<NotesContext>();
        builder.UseMarketplaceStore(_options, "writegate");
        return new NotesContext(builder.Options);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on this platform; the temp folder is cleaned with the machine.
        }
    }

    public sealed class Note
    {
        public Guid Id { get; set; }

        public string Text { get; set; } = "";
    }

    public sealed class NotesContext(DbContextOptions<NotesContext> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();
    }
}
