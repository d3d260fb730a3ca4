using Marketplace.BuildingBlocks.Caching;
using Marketplace.Testing.Servers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
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

    // A change commits and evicts while a cache miss is reading the store: the read saw the row before the change. The
    // interleaving is forced by holding the read until the eviction has happened, then letting it finish.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_value_read_before_a_change_whose_eviction_landed_during_the_read_is_not_kept(bool withRedis)
    {
        await using var redis = withRedis ? await RedisServer.StartNewAsync() : null;
        var app = new MarketplaceApp();
        await using var stop = Stop(app);
        var cache = await StartAsync(app, redis);
        var store = "old";
        var loads = 0;
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var evicted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async ValueTask<string> Load(CancellationToken _)
        {
            var seen = Volatile.Read(ref store);
            if (Interlocked.Increment(ref loads) == 1)
            {
                reading.SetResult();
                await evicted.Task;
            }

            return seen;
        }

        var first = cache.GetOrCreateAsync("test:race", ["t:race"], Load).AsTask();
        await reading.Task;
        Volatile.Write(ref store, "new");
        await cache.InvalidateAsync(["test:race"]);
        evicted.SetResult();

        Assert.Equal("new", await first); // read again after the eviction
        Assert.Equal("new", await cache.GetOrCreateAsync("test:race", ["t:race"], Load));
        Assert.Equal(2, loads); // and that second read is cached
    }

    // The narrowest case: the eviction lands after the read's own check, just before HybridCache stores the value (which
    // then re-dates the entry past the eviction). The entry is evicted again after the store.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_value_whose_eviction_landed_between_the_read_and_its_store_is_evicted_again(bool withRedis)
    {
        await using var redis = withRedis ? await RedisServer.StartNewAsync() : null;
        var app = new AppEvictingAfterFactory();
        await using var stop = Stop(app);
        var cache = await StartAsync(app, redis);
        var store = "old";
        var loads = 0;
        ValueTask<string> Load(CancellationToken _)
        {
            Interlocked.Increment(ref loads);
            return ValueTask.FromResult(Volatile.Read(ref store));
        }

        app.Services.GetRequiredService<EvictingAfterFactory>().AfterNextFactory = async () =>
        {
            Volatile.Write(ref store, "new");
            await cache.InvalidateAsync(["t:race"]);
        };

        Assert.Equal("old", await cache.GetOrCreateAsync("test:race", ["t:race"], Load)); // read before the change
        Assert.Equal("new", await cache.GetOrCreateAsync("test:race", ["t:race"], Load));
        Assert.Equal("new", await cache.GetOrCreateAsync("test:race", ["t:race"], Load));
        Assert.Equal(2, loads);
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

    private static async Task<ReadThroughCache> StartAsync(MarketplaceApp app, RedisServer? redis)
    {
        if (redis is not null)
        {
            app.Settings["Redis:Configuration"] = redis.Configuration;
        }

        await app.InitializeAsync();
        return app.Services.GetRequiredService<ReadThroughCache>();
    }

    private sealed class AppEvictingAfterFactory : MarketplaceApp
    {
        protected override void ConfigureTestServices(IWebHostBuilder builder) => builder.ConfigureTestServices(services =>
        {
            var registered = services.Last(d => d.ServiceType == typeof(HybridCache));
            services.AddSingleton(sp => new EvictingAfterFactory(registered.ImplementationType is { } type
                ? (HybridCache)ActivatorUtilities.CreateInstance(sp, type)
                : (HybridCache)registered.ImplementationFactory!(sp)));
            services.AddSingleton<HybridCache>(sp => sp.GetRequiredService<EvictingAfterFactory>());
        });
    }

    /// <summary>
    /// The registered HybridCache, except that once <see cref="AfterNextFactory"/> is set, it runs right after the next
    /// factory returns: after everything the caller's factory does, before HybridCache looks at tags and stores.
    /// </summary>
    private sealed class EvictingAfterFactory(HybridCache inner) : HybridCache
    {
        public Func<Task>? AfterNextFactory { get; set; }

        public override ValueTask<T> GetOrCreateAsync<TState, T>(
            string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory,
            HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
            inner.GetOrCreateAsync(key, (State: state, Factory: factory, Cache: this), static async (s, ct) =>
            {
                var value = await s.Factory(s.State, ct);
                var after = s.Cache.AfterNextFactory;
                s.Cache.AfterNextFactory = null;
                if (after is not null)
                {
                    await after();
                }

                return value;
            }, options, tags, cancellationToken);

        public override ValueTask SetAsync<T>(
            string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
            inner.SetAsync(key, value, options, tags, cancellationToken);

        public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) =>
            inner.RemoveAsync(key, cancellationToken);

        public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default) =>
            inner.RemoveByTagAsync(tag, cancellationToken);
    }

    private sealed class AsyncStop(MarketplaceApp app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await app.DisposeAndDeleteStoreAsync();
    }
}
