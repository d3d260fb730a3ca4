using System.Threading.Channels;
using Marketplace.Exhibitions.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Exhibitions.Visits;

/// <summary>
/// Group commit for visit rows. Visits arrive in storms and each is a tiny insert, so committing them one by one makes
/// the store's commit (an fsync on SQLite) the limit. Concurrent visits are queued and written together, up to 512 per
/// transaction; each request still waits until its row is committed before it answers, so nothing acknowledged is
/// lost — the batch only shares the commit.
/// </summary>
internal sealed partial class VisitWriter(IServiceScopeFactory scopes, ILogger<VisitWriter> logger) : BackgroundService
{
    private const int MaxBatch = 512;

    private readonly Channel<(BoothVisit Visit, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(BoothVisit, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes when the visit is committed (or faults with the store's error).</summary>
    public Task WriteAsync(BoothVisit visit, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((visit, done)))
        {
            throw new InvalidOperationException("The visit writer is stopping.");
        }

        return done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(BoothVisit Visit, TaskCompletionSource Done)>(MaxBatch);
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

    private async Task WriteBatchAsync(List<(BoothVisit Visit, TaskCompletionSource Done)> batch, CancellationToken ct)
    {
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ExhibitionsDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Visits.AddRange(batch.Select(b => b.Visit));
            await db.SaveChangesAsync(ct);
            var upsert = UpsertSql(db); // per provider: SQLite has no schema, PostgreSQL one per module
            foreach (var day in batch.GroupBy(b => (b.Visit.ExhibitionId, b.Visit.BoothId, b.Visit.Day)))
            {
#pragma warning disable EF1002 // Identifiers come from the EF model, never from input; values are parameters.
                await db.Database.ExecuteSqlRawAsync(upsert, [day.Key.ExhibitionId, day.Key.BoothId, day.Key.Day, (long)day.Count()], ct);
#pragma warning restore EF1002
            }

            await transaction.CommitAsync(ct);
            foreach (var (_, done) in batch)
            {
                done.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            LogBatchFailed(logger, batch.Count, ex);
            foreach (var (_, done) in batch)
            {
                done.TrySetException(ex);
            }
        }
        finally
        {
            batch.Clear();
        }
    }

    /// <summary>
    /// <c>INSERT … ON CONFLICT (BoothId, Day) DO UPDATE SET Visits = Visits + excluded.Visits</c>: the same statement on
    /// SQLite and PostgreSQL, atomic under concurrent writers (several instances on one PostgreSQL).
    /// </summary>
    private static string UpsertSql(ExhibitionsDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(BoothDay))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => "\"" + entity.FindProperty(property)!.GetColumnName(table) + "\"";
        var qualified = (table.Schema is null ? "" : "\"" + table.Schema + "\".") + "\"" + table.Name + "\"";
        var visits = Column(nameof(BoothDay.Visits));
        return $"INSERT INTO {qualified} ({Column(nameof(BoothDay.ExhibitionId))}, {Column(nameof(BoothDay.BoothId))}, {Column(nameof(BoothDay.Day))}, {visits}) " +
            $"VALUES ({{0}}, {{1}}, {{2}}, {{3}}) ON CONFLICT ({Column(nameof(BoothDay.BoothId))}, {Column(nameof(BoothDay.Day))}) " +
            $"DO UPDATE SET {visits} = \"{table.Name}\".{visits} + excluded.{visits}";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Count} booth visits")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception ex);
}
