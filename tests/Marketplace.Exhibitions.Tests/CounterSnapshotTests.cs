using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Marketplace.Exhibitions.Analytics;
using Marketplace.Exhibitions.Visits;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Exhibitions.Tests;

public sealed class CounterSnapshotTests : CounterSnapshotTestsBase
{
    protected override ExhibitionsApp NewApp(ExhibitionsApp? restartOf) => new RestartableApp(restartOf?.DataDirectory, StoreProvider.Sqlite);
}

public sealed class CounterSnapshotTestsOnPostgres : CounterSnapshotTestsBase
{
    protected override ExhibitionsApp NewApp(ExhibitionsApp? restartOf) =>
        new RestartableApp(restartOf?.DataDirectory, StoreProvider.Postgres) { PostgresConnectionString = restartOf?.PostgresConnectionString };
}

/// <summary>An app of a test's own (not a collection fixture), started on a fresh store or on another app's.</summary>
public sealed class RestartableApp : ExhibitionsApp
{
    public RestartableApp(string? dataDirectory, StoreProvider provider)
        : base(dataDirectory) => Provider = provider;
}

/// <summary>
/// The in-process counters (unique-visitor sketches, 24-hour trend) are saved as a snapshot and, after a restart, read
/// back with only the visit rows written after it — the same analytics without reading every visit again.
/// </summary>
public abstract class CounterSnapshotTestsBase
{
    private const string Password = "Rahasia-123-Pasar";

    protected abstract ExhibitionsApp NewApp(ExhibitionsApp? restartOf);

    private static JsonNode WithoutTime(JsonNode analytics)
    {
        var copy = analytics.DeepClone();
        copy.AsObject().Remove("generatedAt");
        return copy;
    }

    private static async Task VisitAsync(ExhibitionsApp app, Guid booth, string visitor) =>
        await (await app.Anonymous().PostAsync($"/api/v1/booths/{booth}/visits", new { visitorId = visitor })).ShouldHaveStatusAsync(200);

    [Fact]
    public async Task After_a_restart_analytics_are_the_same_and_only_visits_after_the_saved_counters_are_read()
    {
        var first = NewApp(null);
        await first.InitializeAsync();
        ExhibitionsApp? second = null;
        try
        {
            var organiser = await first.SignUpAsync("organiser");
            var exhibition = await first.LiveExhibitionAsync(organiser);
            var a = await (await first.ExhibitorAsync(subsectors: ["kuliner"])).OpenBoothAsync(organiser, exhibition.Id());
            var b = await (await first.ExhibitorAsync(subsectors: ["kriya"])).OpenBoothAsync(organiser, exhibition.Id());
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => VisitAsync(first, i % 3 == 0 ? b.Id() : a.Id(), $"snapshot-visitor-{i:D3}")));
            await VisitAsync(first, b.Id(), "snapshot-visitor-001"); // one visitor at both booths
            var url = $"/api/v1/exhibitions/{exhibition.Id()}/analytics";
            var before = await organiser.GetJsonAsync(url);
            Assert.Equal(41, before.Long("visits"));
            Assert.Equal(40, before.Long("uniqueVisitors"));
            Assert.Equal(26, before["trending"]![0]!.Long("recentVisits"));

            first.Dispose(); // a clean stop: the queue is written, then the counters are saved

            second = NewApp(first);
            await second.InitializeAsync();
            var again = await second.SignInAsync(organiser.Email!, Password);
            // The live, visited exhibition's dashboard is prepared when the process starts. (Whether the first call is served
            // it depends on timing: the outbox events the first process left are delivered now, and any write makes the next
            // call compute again.)
            var answers = second.Services.GetRequiredService<AnalyticsAnswers>();
            await Eventually.HoldsAsync(() => Task.FromResult(answers.Misses >= 1), TimeSpan.FromSeconds(30), "the start prepares the dashboard");
            var after = await again.GetJsonAsync(url);
            Assert.True(JsonNode.DeepEquals(WithoutTime(before), WithoutTime(after)), $"before: {before.ToJsonString()}\nafter: {after.ToJsonString()}");
            var view = await second.Services.GetRequiredService<InProcessVisitCounters>().CurrentAsync(exhibition.Id(), default);
            Assert.True(view.LoadedFrom > 0, "the counters came from the snapshot");
            Assert.Equal(0, view.RowsRead);

            // Later visits are read on top of the snapshot.
            await VisitAsync(second, a.Id(), "snapshot-visitor-new1");
            // Seen at both booths before the restart: the 30-minute marks are in memory, so these count again, but as no new visitor.
            await VisitAsync(second, b.Id(), "snapshot-visitor-001");
            await VisitAsync(second, a.Id(), "snapshot-visitor-001");
            var later = await again.GetJsonAsync(url);
            Assert.Equal(44, later.Long("visits"));
            Assert.Equal(41, later.Long("uniqueVisitors"));
            Assert.Equal(28, later["trending"]![0]!.Long("recentVisits"));
            Assert.Equal(3, view.RowsRead);
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAndDeleteStoreAsync();
            }

            await first.DisposeAndDeleteStoreAsync();
        }
    }
}

/// <summary>The snapshot's format alone (no app).</summary>
public sealed class CounterSnapshotFormatTests
{
    [Fact]
    public void A_snapshot_keeps_every_sketch_and_minute_exactly()
    {
        var all = new HyperLogLog();
        var booths = new ConcurrentDictionary<Guid, HyperLogLog>();
        var trend = new MinuteTrend();
        var ids = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
        var now = DateTimeOffset.UtcNow;
        var random = new Random(7);
        for (var i = 0; i < 120_000; i++)
        {
            var booth = ids[random.Next(i % 2 == 0 ? 3 : ids.Length)]; // a few busy booths (dense sketches), many quiet ones (sparse)
            var visitor = "a:v" + random.Next(90_000);
            all.Add(visitor);
            booths.GetOrAdd(booth, _ => new HyperLogLog()).Add(visitor);
            trend.Add(booth, now.AddMinutes(-random.Next(0, 26 * 60)));
        }

        var read = CounterSnapshots.Deserialize(CounterSnapshots.Serialize(all, booths, trend))!.Value;

        Assert.Equal(all.Count(), read.All.Count());
        foreach (var id in ids)
        {
            Assert.Equal(booths[id].Count(), read.Booths[id].Count());
        }

        Assert.Equal(HyperLogLog.CountUnion(ids.Take(20).Select(id => booths[id])), HyperLogLog.CountUnion(ids.Take(20).Select(id => read.Booths[id])));
        Assert.Equal(trend.Top(now, 50), read.Trend.Top(now, 50));
        Assert.Equal(trend.Top(now.AddHours(1), 50), read.Trend.Top(now.AddHours(1), 50));
    }
}
