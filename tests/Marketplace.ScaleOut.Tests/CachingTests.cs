using Marketplace.BuildingBlocks.Caching;
using Marketplace.Testing.Servers;
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

    private static AsyncStop Stop(MarketplaceApp app) => new(app);

    private sealed class AsyncStop(MarketplaceApp app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await app.DisposeAndDeleteStoreAsync();
    }
}
