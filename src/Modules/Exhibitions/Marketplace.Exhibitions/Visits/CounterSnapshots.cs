using System.Collections.Concurrent;
using System.IO.Compression;
using Marketplace.Exhibitions.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Exhibitions.Visits;

/// <summary>
/// The in-process counters of one exhibition as of visit row <see cref="UpToVisitId"/>: its unique-visitor sketches
/// (exhibition and booths) and per-minute trend, compressed. Derived data: deleting the row only makes the next start
/// read every visit again.
/// </summary>
internal sealed class CounterSnapshot
{
    public Guid ExhibitionId { get; set; }

    public long UpToVisitId { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    public byte[] Data { get; set; } = [];
}

internal sealed class CounterSnapshotConfiguration : IEntityTypeConfiguration<CounterSnapshot>
{
    public void Configure(EntityTypeBuilder<CounterSnapshot> b)
    {
        b.ToTable("exhibitions_counter_snapshots");
        b.HasKey(s => s.ExhibitionId);
    }
}

/// <summary>Reads and writes <see cref="CounterSnapshot"/> rows.</summary>
internal sealed class CounterSnapshots(IServiceScopeFactory scopes, [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock)
{
    /// <summary>2: the sketches hash as Redis does (a version-1 snapshot's registers mean something else: read the visits again).</summary>
    private const byte FormatVersion = 2;

    internal sealed record Loaded(long UpTo, HyperLogLog All, ConcurrentDictionary<Guid, HyperLogLog> Booths, MinuteTrend Trend);

    public static byte[] Serialize(HyperLogLog all, ConcurrentDictionary<Guid, HyperLogLog> booths, MinuteTrend trend)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(zip))
        {
            writer.Write(FormatVersion);
            all.WriteTo(writer);
            var sketches = booths.ToArray();
            writer.Write7BitEncodedInt(sketches.Length);
            foreach (var (boothId, sketch) in sketches)
            {
                writer.Write(boothId.ToByteArray());
                sketch.WriteTo(writer);
            }

            trend.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    public static (HyperLogLog All, ConcurrentDictionary<Guid, HyperLogLog> Booths, MinuteTrend Trend)? Deserialize(byte[] data)
    {
        using var zip = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new BinaryReader(zip);
        if (reader.ReadByte() != FormatVersion)
        {
            return null; // an older format: read the visits again
        }

        var all = HyperLogLog.ReadFrom(reader);
        var booths = new ConcurrentDictionary<Guid, HyperLogLog>();
        var count = reader.Read7BitEncodedInt();
        for (var i = 0; i < count; i++)
        {
            var boothId = new Guid(reader.ReadBytes(16));
            booths[boothId] = HyperLogLog.ReadFrom(reader);
        }

        return (all, booths, MinuteTrend.ReadFrom(reader));
    }

    public async Task<Loaded?> LoadAsync(Guid exhibitionId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExhibitionsDbContext>();
        var row = await db.CounterSnapshots.AsNoTracking().Where(s => s.ExhibitionId == exhibitionId)
            .Select(s => new { s.UpToVisitId, s.Data }).SingleOrDefaultAsync(ct);
        return row is not null && Deserialize(row.Data) is { } parts ? new Loaded(row.UpToVisitId, parts.All, parts.Booths, parts.Trend) : null;
    }

    public async Task SaveAsync(Guid exhibitionId, long upTo, byte[] data, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExhibitionsDbContext>();
        var row = await db.CounterSnapshots.SingleOrDefaultAsync(s => s.ExhibitionId == exhibitionId, ct);
        if (row is null)
        {
            db.CounterSnapshots.Add(row = new CounterSnapshot { ExhibitionId = exhibitionId });
        }
        else if (row.UpToVisitId >= upTo)
        {
            return; // another instance saved a newer one
        }

        row.UpToVisitId = upTo;
        row.SavedAt = clock.GetUtcNow();
        row.Data = data;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two savers raced for the first row of this exhibition: the other one's is as good.
        }
    }
}

/// <summary>
/// Keeps the in-process counters' snapshots fresh: every <see cref="VisitOptions.SnapshotInterval"/> it brings the
/// views of visited exhibitions up to date and saves those that moved, and once more when the host stops (after the
/// visit writer has written its queue). A crash loses only the snapshot's freshness: the next start reads the rows
/// written after the last snapshot.
/// </summary>
internal sealed partial class CounterSnapshotKeeper(
    IServiceProvider services, IOptions<VisitOptions> options, ILogger<CounterSnapshotKeeper> logger) : BackgroundService
{
    /// <summary>
    /// The in-process engine, also with Redis counters: there its views stand in while Redis is not ready and are what
    /// Redis is rebuilt from (<see cref="RedisVisitCounters"/>), so a saved view spares the next rebuild a read of every visit.
    /// Only views that were loaded are saved.
    /// </summary>
    private InProcessVisitCounters? Counters => services.GetRequiredService<InProcessVisitCounters>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SnapshotInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SaveAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync saves once more.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await SaveAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown deadline passed (e.g. connections slow to drain): stopping matters more than this
            // snapshot, whose loss costs the next start only a longer read of the visits after the previous one.
            LogStopSaveSkipped(logger);
        }
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            if (Counters is { } counters)
            {
                await counters.SaveSnapshotsAsync(ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSaveFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the exhibition counters' snapshots; the next start reads more visit rows")]
    private static partial void LogSaveFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The host's shutdown deadline passed before the exhibition counters' snapshots were saved; the next start reads more visit rows")]
    private static partial void LogStopSaveSkipped(ILogger logger);
}
