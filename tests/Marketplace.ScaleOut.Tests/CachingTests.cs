using Marketplace.BuildingBlocks.Caching;
using Marketplace.Testing.Servers;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.ScaleOut.Tests;

/// <summary>The read-through cache on one instance, with and without Redis.</summary>
public sealed class CachingTests
{
    [Fact]
    public async Task Without_redis_reads_are_cached_in_process_and_invalidation_evicts_them()
    {
        var app = new MarketplaceApp();
        await using var stop = Stop(app);
        await app.InitializeAsync();
        var cache = app.Services.GetRequiredService<ReadThroughCache>();
        var loads = 0;
        ValueTask<string> Load(CancellationToken _) => ValueTask.FromResult($"v{Interlocked.Increment(ref loads)}");

        Assert.Equal("v1", await cache.GetOrCreateAsync("test:a", ["t:a"], Load));
        Assert.Equal("v1", await cache.GetOrCreateAsync("test:a", ["t:a"], Load));
        await cache.InvalidateAsync(["t:a"]);
        Assert.Equal("v2", await cache.GetOrCreateAsync("test:a", ["t:a"], Load));
        await cache.InvalidateAsync(["test:a"]);
        Assert.Equal("v3", await cache.GetOrCreateAsync("test:a", ["t:a"], Load));

        var ready = await app.Anonymous().GetJsonAsync("/health/ready");
        Assert.Equal("healthy", ready["checks"]!["cache"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_redis_does_not_block_start_up_and_reads_come_from_the_store()
    {
        // A port nobody listens on.
        var app = new MarketplaceApp();
        await using var stop = Stop(app);
        app.Settings["Redis:Configuration"] = $"127.0.0.1:{LocalProcess.FreeLoopbackPort()}";
        await app.InitializeAsync();
        var cache = app.Services.GetRequiredService<ReadThroughCache>();
        var loads = 0;

        for (var i = 0; i < 3; i++)
        {
            await cache.GetOrCreateAsync("test:b", [], _ => ValueTask.FromResult(Interlocked.Increment(ref loads)));
        }

        Assert.Equal(3, loads);
        var ready = await app.Anonymous().GetJsonAsync("/health/ready");
        Assert.Equal("degraded", ready["status"]!.GetValue<string>());
        Assert.Equal("degraded", ready["checks"]!["cache"]!["status"]!.GetValue<string>());

        var merchant = await app.SignUpAsync("merchant");
        await merchant.GetJsonAsync("/api/v1/me");
    }

    [Fact]
    public async Task With_redis_a_second_read_is_served_from_the_cache()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var app = new MarketplaceApp();
        await using var stop = Stop(app);
        app.Settings["Redis:Configuration"] = redis.Configuration;
        await app.InitializeAsync();
        var cache = app.Services.GetRequiredService<ReadThroughCache>();
        var loads = 0;

        await cache.GetOrCreateAsync("test:c", [], _ => ValueTask.FromResult(Interlocked.Increment(ref loads)));
        await cache.GetOrCreateAsync("test:c", [], _ => ValueTask.FromResult(Interlocked.Increment(ref loads)));

        Assert.Equal(1, loads);
        Assert.True(cache.IsServing);
        var ready = await app.Anonymous().GetJsonAsync("/health/ready");
        Assert.Equal("healthy", ready["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_slow_redis_call_does_not_set_redis_aside_but_a_run_of_them_does_until_it_answers_again()
    {
        // Redis behind a proxy that can make its answers late: the L2 reads below are the process's real Redis calls,
        // each bounded by Redis:OperationTimeout.
        await using var redis = await RedisServer.StartNewAsync();
        await using var proxy = new DelayingTcpProxy(redis.Port);
        var app = new MarketplaceApp();
        await using var stop = Stop(app);
        app.Settings["Redis:Configuration"] = proxy.Endpoint;
        app.Settings["Redis:OperationTimeout"] = "00:00:00.500";
        app.Settings["Redis:FailureThreshold"] = "3";
        app.Settings["Redis:FailureWindow"] = "00:00:02";
        app.Settings["Redis:FailureCoolDown"] = "00:00:01";
        await app.InitializeAsync();
        var connection = app.Services.GetRequiredService<RedisConnection>();
        var cache = app.Services.GetRequiredService<ReadThroughCache>();
        var l2 = app.Services.GetRequiredService<IDistributedCache>();
        await Eventually.HoldsAsync(async () =>
        {
            await l2.SetAsync("test:breaker", [1]);
            return await l2.GetAsync("test:breaker") is not null;
        }, TimeSpan.FromSeconds(15), "Redis answers");
        var outages = connection.Outages;

        // One call misses its time-out (as one queued behind a saturated CPU would): that call goes without Redis, nothing else.
        proxy.Delay = TimeSpan.FromSeconds(1.5);
        Assert.Null(await l2.GetAsync("test:breaker"));
        proxy.Delay = TimeSpan.Zero;
        await Task.Delay(TimeSpan.FromSeconds(2.1)); // the late answer drains and the failure window closes
        Assert.True(connection.IsConnected, "one slow call set Redis aside");
        Assert.True(cache.IsServing);
        Assert.Equal(outages, connection.Outages);
        Assert.NotNull(await l2.GetAsync("test:breaker"));

        // Occasional failures among many answered calls (a busy instance) do not set it aside either.
        for (var i = 0; i < 20; i++)
        {
            if (i % 5 == 0)
            {
                connection.ReportFailure(new TimeoutException("queued behind a saturated CPU"));
            }

            connection.ReportSuccess();
        }

        Assert.True(connection.IsConnected, "four failures among twenty successes set Redis aside");
        await Task.Delay(TimeSpan.FromSeconds(2.1)); // that window closes

        // A slow Redis: every call is late. After three failures the process goes without it (the cache reads the store
        // and counts an outage, so it drops what it may have missed when Redis is back).
        proxy.Delay = TimeSpan.FromSeconds(2);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await l2.GetAsync("test:breaker"));
        }

        Assert.False(connection.IsConnected, "three failed calls in a row left Redis in use");
        Assert.False(cache.IsServing);
        Assert.True(connection.Outages > outages);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(await l2.GetAsync("test:breaker"));
        Assert.True(clock.ElapsedMilliseconds < 250, $"a call while Redis is set aside waited {clock.ElapsedMilliseconds} ms");

        // Still slow after the cool-down: the first failure sets it aside again at once.
        await Eventually.HoldsAsync(() => Task.FromResult(connection.IsConnected), TimeSpan.FromSeconds(10), "the cool-down ends");
        Assert.Null(await l2.GetAsync("test:breaker"));
        Assert.False(connection.IsConnected, "a failure right after the cool-down left Redis in use");

        // Fast again: used again after the cool-down, by itself.
        proxy.Delay = TimeSpan.Zero;
        await Eventually.HoldsAsync(async () => connection.IsConnected && await l2.GetAsync("test:breaker") is not null,
            TimeSpan.FromSeconds(15), "Redis is used again once it answers in time");
        Assert.True(cache.IsServing);
    }

    private static AsyncStop Stop(MarketplaceApp app) => new(app);

    private sealed class AsyncStop(MarketplaceApp app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await app.DisposeAndDeleteStoreAsync();
    }
}
