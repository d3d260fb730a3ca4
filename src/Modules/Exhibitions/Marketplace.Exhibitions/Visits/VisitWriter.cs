using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Marketplace.Exhibitions.Analytics;
using Marketplace.Exhibitions.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Exhibitions.Visits;

/// <summary>
/// Group commit for visit rows. Visits arrive in storms and each is a tiny insert, so committing them one by one makes
/// the store's commit the limit. Visits are queued and written together, up to 512 per transaction (one multi-row
/// insert and one multi-row upsert of the booth-day totals). By default (<see cref="VisitOptions.AnswerBeforeCommit"/>)
/// a request is answered once its visit is queued: a crash may lose the visits still queued (the last milliseconds'),
/// which for a visit counter is the better trade than making every visitor wait for a commit. Otherwise each request
/// waits for its batch's commit. <see cref="FlushAsync"/> waits until everything queued so far is committed (analytics
/// read after it, so a visit answered before is counted).
/// </summary>
internal sealed partial class VisitWriter(IServiceScopeFactory scopes, IOptions<VisitOptions> options, StoreWrites writes, ILogger<VisitWriter> logger) : BackgroundService
{
    private const int MaxBatch = 512;

    private readonly Channel<(BoothVisit? Visit, TaskCompletionSource? Done)> _queue =
        Channel.CreateBounded<(BoothVisit?, TaskCompletionSource?)>(new BoundedChannelOptions(options.Value.MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _committed;

    /// <summary>Visits handed to the queue, and visits whose batch has ended (committed or failed): equal, nothing is pending.</summary>
    private long _queued;
    private long _ended;

    /// <summary>Counts the batches of visits committed by this writer: unchanged means no new visit row from this instance.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    /// <summary>Completes when the visit is queued (<see cref="VisitOptions.AnswerBeforeCommit"/>) or committed (or faults with the store's error).</summary>
    public async Task WriteAsync(BoothVisit visit, CancellationToken ct)
    {
        var done = options.Value.AnswerBeforeCommit ? null : new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _queued); // before the queue sees it, so a flush never finds it neither pending nor queued
        try
        {
            if (!_queue.Writer.TryWrite((visit, done)))
            {
                await _queue.Writer.WriteAsync((visit, done), ct);
            }
        }
        catch (ChannelClosedException)
        {
            Interlocked.Increment(ref _ended); // never queued
            throw new InvalidOperationException("The visit writer is stopping.");
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _ended);
            throw;
        }

        if (done is not null)
        {
            await done.Task.WaitAsync(ct);
        }
    }

    /// <summary>Completes when every visit queued before this call is committed.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (Interlocked.Read(ref _ended) == Interlocked.Read(ref _queued))
        {
            return; // nothing queued or being written: a dashboard polled between bursts does not wait for the writer's turn
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync((null, done), ct);
        }
        catch (ChannelClosedException)
        {
            return; // stopping: the queue is being written out
        }

        // A failed batch is logged by the writer; the reader still answers from what is committed.
        await done.Task.ContinueWith(_ => { }, ct, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(BoothVisit? Visit, TaskCompletionSource? Done)>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteBatchAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: write what is already queued, so no waiting request is left without an answer.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryPeek(out _))
            {
                await WriteBatchAsync(batch, CancellationToken.None);
            }
        }
    }

    private async Task WriteBatchAsync(List<(BoothVisit? Visit, TaskCompletionSource? Done)> batch, CancellationToken ct)
    {
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        if (batch.Count == 0)
        {
            return;
        }

        var visits = batch.Where(b => b.Visit is not null).Select(b => b.Visit!).ToList();
        try
        {
            if (visits.Count > 0)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ExhibitionsDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
#pragma warning disable EF1002 // Identifiers come from the EF model, never from input; values are parameters.
                var days = visits.GroupBy(v => (v.ExhibitionId, v.BoothId, v.Day))
                    .Select(d => new object[] { d.Key.ExhibitionId, d.Key.BoothId, d.Key.Day, (long)d.Count() }).ToList();
                if (db.Database.IsSqlite())
                {
                    await RunPerRowAsync(db, InsertSql(db, 1), typeof(BoothVisit),
                        [nameof(BoothVisit.ExhibitionId), nameof(BoothVisit.BoothId), nameof(BoothVisit.VisitorId), nameof(BoothVisit.At), nameof(BoothVisit.Day)],
                        visits.Select(v => new object[] { v.ExhibitionId, v.BoothId, v.VisitorId, v.At, v.Day }), ct);
                    await RunPerRowAsync(db, UpsertSql(db, 1), typeof(BoothDay),
                        [nameof(BoothDay.ExhibitionId), nameof(BoothDay.BoothId), nameof(BoothDay.Day), nameof(BoothDay.Visits)], days, ct);
                }
                else
                {
                    // Raw SQL skips the model's value converters: the instant goes in as the store keeps it.
                    var at = db.Model.FindEntityType(typeof(BoothVisit))!.FindProperty(nameof(BoothVisit.At))!.GetTypeMapping().Converter;
                    var rows = visits.Select(v => new object[] { v.ExhibitionId, v.BoothId, v.VisitorId, at?.ConvertToProvider(v.At) ?? v.At, v.Day });
                    foreach (var chunk in rows.Chunk(200))
                    {
                        await db.Database.ExecuteSqlRawAsync(InsertSql(db, chunk.Length), chunk.SelectMany(r => r), ct);
                    }

                    foreach (var chunk in days.Chunk(200))
                    {
                        await db.Database.ExecuteSqlRawAsync(UpsertSql(db, chunk.Length), chunk.SelectMany(r => r), ct);
                    }
                }
#pragma warning restore EF1002

                await transaction.CommitAsync(ct);
                writes.Moved(); // on SQLite the rows went through plain ADO.NET commands, which EF's interceptors do not see
                Interlocked.Increment(ref _committed);
            }

            Interlocked.Add(ref _ended, visits.Count);
            foreach (var (_, done) in batch)
            {
                done?.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            Interlocked.Add(ref _ended, visits.Count);
            LogBatchFailed(logger, visits.Count, ex);
            foreach (var (_, done) in batch)
            {
                done?.TrySetException(ex);
            }
        }
        finally
        {
            batch.Clear();
        }
    }

    /// <summary>The quoted (schema-qualified) table and its columns, as the provider quotes them (its <see cref="ISqlGenerationHelper"/>).</summary>
    private static string Table(ExhibitionsDbContext db, Type type, out Func<string, string> column)
    {
        var quote = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(type)!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        column = property => quote.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        return quote.DelimitIdentifier(table.Name, table.Schema);
    }

    /// <summary>
    /// Runs a one-row statement once per row with one prepared command, on SQLite. SQLite binds each parameter by searching
    /// the statement's parameter names in order, so a 200-row statement's 1,000 parameters cost half a million name
    /// comparisons (17 % of the API's CPU in a visit storm, profiled); SQLite runs in-process, so one row per execution
    /// costs no round trips.
    /// </summary>
    private static async Task RunPerRowAsync(
        ExhibitionsDbContext db, string sql, Type type, string[] properties, IEnumerable<object[]> rows, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var names = properties.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        command.CommandText = string.Format(CultureInfo.InvariantCulture, sql, names);

        // Each value goes in as EF would write it (its type mapping: a Guid as text, an instant as a number on SQLite).
        var entity = db.Model.FindEntityType(type)!;
        var mappings = properties.Select(p => (RelationalTypeMapping)entity.FindProperty(p)!.GetTypeMapping()).ToArray();
        DbParameter[]? parameters = null;
        foreach (var row in rows)
        {
            if (parameters is null)
            {
                parameters = new DbParameter[mappings.Length];
                for (var i = 0; i < mappings.Length; i++)
                {
                    parameters[i] = mappings[i].CreateParameter(command, names[i], row[i], nullable: false);
                    command.Parameters.Add(parameters[i]);
                }
            }
            else
            {
                for (var i = 0; i < mappings.Length; i++)
                {
                    parameters[i].Value = mappings[i].Converter is { } converter ? converter.ConvertToProvider(row[i]) : row[i];
                }
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static string Values(int rows, int columns) =>
        string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(r * columns, columns).Select(i => "{" + i + "}")) + ")"));

    /// <summary>One multi-row <c>INSERT</c> of visit rows (the same statement on SQLite and PostgreSQL; the ids are the store's).</summary>
    private static string InsertSql(ExhibitionsDbContext db, int rows)
    {
        var qualified = Table(db, typeof(BoothVisit), out var column);
        return $"INSERT INTO {qualified} ({column(nameof(BoothVisit.ExhibitionId))}, {column(nameof(BoothVisit.BoothId))}, {column(nameof(BoothVisit.VisitorId))}, " +
            $"{column(nameof(BoothVisit.At))}, {column(nameof(BoothVisit.Day))}) VALUES {Values(rows, 5)}";
    }

    /// <summary>
    /// <c>INSERT … VALUES (…), (…) ON CONFLICT (BoothId, Day) DO UPDATE SET Visits = Visits + excluded.Visits</c>, one row
    /// per booth and day of the batch (distinct, as one statement may not touch a row twice): the same statement on
    /// SQLite and PostgreSQL, atomic under concurrent writers (several instances on one PostgreSQL).
    /// </summary>
    private static string UpsertSql(ExhibitionsDbContext db, int rows)
    {
        var qualified = Table(db, typeof(BoothDay), out var column);
        // The conflicting row is named by the bare table name (no schema), on both providers.
        var name = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(db.Model.FindEntityType(typeof(BoothDay))!.GetTableName()!);
        var visits = column(nameof(BoothDay.Visits));
        return $"INSERT INTO {qualified} ({column(nameof(BoothDay.ExhibitionId))}, {column(nameof(BoothDay.BoothId))}, {column(nameof(BoothDay.Day))}, {visits}) " +
            $"VALUES {Values(rows, 4)} ON CONFLICT ({column(nameof(BoothDay.BoothId))}, {column(nameof(BoothDay.Day))}) " +
            $"DO UPDATE SET {visits} = {name}.{visits} + excluded.{visits}";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Count} booth visits")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception ex);
}
