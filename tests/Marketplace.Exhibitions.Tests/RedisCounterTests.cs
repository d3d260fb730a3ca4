using System.Text.Json.Nodes;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.Exhibitions.Visits;
using Marketplace.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Marketplace.Exhibitions.Tests;

[CollectionDefinition(Name)]
public sealed class RedisAppCollection : ICollectionFixture<ExhibitionsAppOnRedis>
{
    public const string Name = "exhibitions-app-redis";
}

/// <summary>The app with <c>Redis:Configuration</c> pointing at a real redis-server that this fixture starts (and can kill).</summary>
public sealed class ExhibitionsAppOnRedis : ExhibitionsApp, IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Redis = await RedisServer.StartNewAsync();
        Settings["Redis:Configuration"] = Redis.Configuration;
        // These tests check what Redis holds. A call slower than its budget (4 × the operation time-out) is answered by the
        // in-process counters instead — the degraded mode, tested on its own below — and on a loaded 2-core machine a storm
        // of 300 requests made some calls that slow (the storm then counted up to 120 visits, 60 in each engine).
        Settings["Redis:OperationTimeout"] = "00:00:02";
        await base.InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAndDeleteStoreAsync();
        await Redis.DisposeAsync();
    }
}

[Collection(RedisAppCollection.Name)]
public sealed class RedisCounterTests(ExhibitionsAppOnRedis app)
{
    private async Task<(JsonNode Exhibition, Guid BoothA, Guid BoothB, ApiClient Organiser)> TwoBoothsAsync()
    {
        // These tests check what Redis holds. A call slower than its budget (the storm below, on a loaded machine) makes the
        // process go without Redis for a cool-down, by design; a test that starts inside it would count in-process only.
        await Eventually.HoldsAsync(() => Task.FromResult(app.Services.GetRequiredService<RedisConnection>().IsConnected),
            TimeSpan.FromSeconds(30), "Redis is connected and out of any cool-down");
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var a = await (await app.ExhibitorAsync()).OpenBoothAsync(organiser, exhibition.Id());
        var b = await (await app.ExhibitorAsync(subsectors: ["kriya"])).OpenBoothAsync(organiser, exhibition.Id());
        return (exhibition, a.Id(), b.Id(), organiser);
    }

    private async Task<bool> VisitAsync(Guid booth, string visitor)
    {
        var response = await app.Anonymous().PostAsync($"/api/v1/booths/{booth}/visits", new { visitorId = visitor });
        await response.ShouldHaveStatusAsync(200);
        return (await response.JsonAsync())["counted"]!.GetValue<bool>();
    }

    [Fact]
    public async Task With_redis_unique_visitors_are_a_hyperloglog_and_trending_booths_a_sorted_set_in_redis()
    {
        var (exhibition, boothA, boothB, organiser) = await TwoBoothsAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await VisitAsync(boothA, $"redis-visitor-{i:D4}"));
        }

        Assert.False(await VisitAsync(boothA, "redis-visitor-0000")); // de-duplicated by SET NX in Redis
        Assert.True(await VisitAsync(boothB, "redis-visitor-0000"));

        var multiplexer = app.Services.GetRequiredService<RedisConnection>().Multiplexer!;
        var redis = multiplexer.GetDatabase();
        Assert.Equal(5, await redis.HyperLogLogLengthAsync($"mp:exh:{exhibition.Id():N}:uv"));
        Assert.Equal(1, await redis.HyperLogLogLengthAsync($"mp:exh:booth:{boothB:N}:uv"));
        Assert.True(await redis.KeyExistsAsync($"mp:exh:seen:{boothA:N}:a:redis-visitor-0003"));

        // The first look at an exhibition checks Redis holds every stored visit (rebuilding in the background if not).
        JsonNode analytics = null!;
        await Eventually.HoldsAsync(async () =>
            (analytics = await organiser.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/analytics")).Str("counters") == "redis");
        Assert.Equal(6, analytics.Long("visits"));
        Assert.Equal(5, analytics.Long("uniqueVisitors"));
        var trending = analytics["trending"]!.AsArray();
        Assert.Equal(boothA, Guid.Parse(trending[0]!.Str("boothId")));
        Assert.Equal(5, trending[0]!.Long("recentVisits"));
        Assert.Equal(1, trending[1]!.Long("recentVisits"));
        var kriya = analytics["bySubsector"]!.AsArray().Single(s => s!.Str("subsector") == "kriya")!;
        Assert.Equal(1, kriya.Long("uniqueVisitors"));
    }

    [Fact]
    public async Task With_redis_a_visit_storm_is_rate_limited_across_the_shared_counter()
    {
        var (exhibition, boothA, _, organiser) = await TwoBoothsAsync();
        var client = app.Anonymous();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 300).Select(async _ =>
            (int)(await client.PostAsync($"/api/v1/booths/{boothA}/visits", new { visitorId = "redis-storm-0001" })).StatusCode));

        Assert.Equal(60, statuses.Count(s => s == 200));
        Assert.Equal(240, statuses.Count(s => s == 429));
        var analytics = await organiser.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/analytics");
        Assert.Equal(1, analytics.Long("visits"));
    }

    [Fact]
    public async Task An_in_process_sketch_handed_to_redis_holds_the_registers_redis_builds_from_the_same_visitors()
    {
        var redis = app.Services.GetRequiredService<RedisConnection>().Multiplexer!.GetDatabase();
        foreach (var n in new[] { 0, 1, 7, 300, 2_000, 60_000 })
        {
            var visitors = Enumerable.Range(0, n).Select(i => $"a:sketch-{n}-{i}").ToArray();
            var sketch = new HyperLogLog();
            foreach (var visitor in visitors)
            {
                sketch.Add(visitor);
            }

            var added = (RedisKey)$"test:hll:{Guid.NewGuid():N}:added";
            var handed = (RedisKey)$"test:hll:{Guid.NewGuid():N}:handed";
            var merged = (RedisKey)$"test:hll:{Guid.NewGuid():N}:merged";
            foreach (var chunk in visitors.Chunk(10_000))
            {
                await redis.HyperLogLogAddAsync(added, chunk.Select(v => (RedisValue)v).ToArray());
            }

            await redis.StringSetAsync(handed, sketch.ToRedis());
            var expected = await redis.HyperLogLogLengthAsync(added);
            Assert.Equal(expected, await redis.HyperLogLogLengthAsync(handed));
            // Same registers: their union is no larger, and adding the same visitors to the handed sketch changes nothing.
            await redis.HyperLogLogMergeAsync(merged, [added, handed]);
            Assert.Equal(expected, await redis.HyperLogLogLengthAsync(merged));
            foreach (var chunk in visitors.Chunk(10_000))
            {
                Assert.False(await redis.HyperLogLogAddAsync(handed, chunk.Select(v => (RedisValue)v).ToArray()));
            }
        }
    }

    [Fact]
    public async Task A_redis_outage_degrades_to_the_in_process_counters_and_redis_is_rebuilt_from_the_store_when_back()
    {
        var (exhibition, boothA, _, organiser) = await TwoBoothsAsync();
        Assert.True(await VisitAsync(boothA, "outage-visitor-0001"));
        Assert.True(await VisitAsync(boothA, "outage-visitor-0002"));
        var url = $"/api/v1/exhibitions/{exhibition.Id()}/analytics";
        await Eventually.HoldsAsync(async () => (await organiser.GetJsonAsync(url)).Str("counters") == "redis");

        await app.Redis.StopAsync();
        try
        {
            // Visits keep being recorded and counted while Redis is down.
            Assert.True(await VisitAsync(boothA, "outage-visitor-0003"));
            Assert.False(await VisitAsync(boothA, "outage-visitor-0003"));
            var degraded = await organiser.GetJsonAsync(url);
            Assert.Equal("in_process", degraded.Str("counters"));
            Assert.Equal(3, degraded.Long("visits"));
            Assert.Equal(3, degraded.Long("uniqueVisitors"));
        }
        finally
        {
            // Back, but empty (no persistence): the sketches are rebuilt from the store's visit rows.
            await app.Redis.StartAsync();
        }

        await Eventually.HoldsAsync(() => Task.FromResult(app.Services.GetRequiredService<RedisConnection>().IsConnected), TimeSpan.FromSeconds(15), "Redis reconnects");
        Assert.True(await VisitAsync(boothA, "outage-visitor-0004"));
        JsonNode? recovered = null;
        await Eventually.HoldsAsync(async () => (recovered = await organiser.GetJsonAsync(url)).Str("counters") == "redis", TimeSpan.FromSeconds(10));
        Assert.Equal(4, recovered!.Long("visits"));
        Assert.Equal(4, recovered!.Long("uniqueVisitors"));
        var redis = app.Services.GetRequiredService<RedisConnection>().Multiplexer!.GetDatabase();
        Assert.Equal(4, await redis.HyperLogLogLengthAsync($"mp:exh:{exhibition.Id():N}:uv"));
        Assert.Equal(4, await redis.HyperLogLogLengthAsync($"mp:exh:booth:{boothA:N}:uv")); // handed over from the in-process sketches

        // Visits to a booth whose lookup is cached take one Lua script, which the restarted Redis had forgotten: it is sent
        // again instead of the call failing (which would make the whole process go without Redis for a cool-down).
        Assert.True(await VisitAsync(boothA, "outage-visitor-0005"));
        Assert.True(await VisitAsync(boothA, "outage-visitor-0006"));
        Assert.True(app.Services.GetRequiredService<RedisConnection>().IsConnected, "no Redis call failed");
        Assert.Equal(6, await redis.HyperLogLogLengthAsync($"mp:exh:{exhibition.Id():N}:uv"));
    }
}
