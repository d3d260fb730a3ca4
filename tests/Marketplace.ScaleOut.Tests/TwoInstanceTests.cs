using System.Collections.Concurrent;
using System.Diagnostics;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.Identity.Contracts;
using Marketplace.SharedKernel.Events;
using Marketplace.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.ScaleOut.Tests;

/// <summary>Several API instances on one PostgreSQL and one Redis stay correct together.</summary>
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task An_invalidation_made_on_A_is_seen_on_B_within_a_second()
    {
        await using var instances = await TwoInstances.StartAsync(_redis);
        var onA = instances.A.Services.GetRequiredService<ReadThroughCache>();
        var onB = instances.B.Services.GetRequiredService<ReadThroughCache>();
        var price = 25_000;
        ValueTask<int> Load(CancellationToken _) => ValueTask.FromResult(Volatile.Read(ref price));

        Assert.Equal(25_000, await onB.GetOrCreateAsync("test:product:1", ["test:shop:1"], Load));
        Assert.Equal(25_000, await onA.GetOrCreateAsync("test:product:1", ["test:shop:1"], Load));

        // The store changes through A, which then invalidates; B must stop serving the old value within 1 s.
        Volatile.Write(ref price, 30_000);
        var stopwatch = Stopwatch.StartNew();
        await onA.InvalidateAsync(["test:shop:1"]);
        Assert.Equal(30_000, await onA.GetOrCreateAsync("test:product:1", ["test:shop:1"], Load));
        await Eventually.HoldsAsync(
            async () => await onB.GetOrCreateAsync("test:product:1", ["test:shop:1"], Load) == 30_000,
            TimeSpan.FromSeconds(1), "B still serves the old price a second after A's change");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task An_account_made_through_A_signs_in_and_is_served_through_B()
    {
        await using var instances = await TwoInstances.StartAsync(_redis);
        var onA = await instances.A.SignUpAsync("merchant", "Bu Ani Batik");

        var onB = await instances.B.SignInAsync(onA.Email!, "Rahasia-123-Pasar");
        var me = await onB.GetJsonAsync("/api/v1/me");

        Assert.Equal("Bu Ani Batik", me["displayName"]!.GetValue<string>());
        // A token issued by A is accepted by B: both sign with the same key.
        var tokenFromA = onA.Http.DefaultRequestHeaders.Authorization;
        var anonymousOnB = instances.B.Anonymous();
        anonymousOnB.Http.DefaultRequestHeaders.Authorization = tokenFromA;
        await anonymousOnB.GetJsonAsync("/api/v1/me");
    }

    [Fact]
    public async Task A_redis_outage_degrades_to_the_store_and_caching_resumes_when_redis_is_back()
    {
        await using var instances = await TwoInstances.StartAsync(_redis);
        var onB = instances.B.Services.GetRequiredService<ReadThroughCache>();
        var onA = instances.A.Services.GetRequiredService<ReadThroughCache>();
        var loads = 0;
        ValueTask<int> Load(CancellationToken _) => ValueTask.FromResult(Interlocked.Increment(ref loads));
        await onB.GetOrCreateAsync("test:outage", [], Load);
        Assert.Equal(1, loads);

        await _redis.StopAsync();

        // Requests keep succeeding from the store, on both instances.
        var merchant = await instances.A.SignUpAsync("merchant");
        var onInstanceB = await instances.B.SignInAsync(merchant.Email!, "Rahasia-123-Pasar");
        await onInstanceB.GetJsonAsync("/api/v1/me");
        await Eventually.HoldsAsync(async () =>
            (await instances.B.Anonymous().GetJsonAsync("/health/ready"))["checks"]!["cache"]!["status"]!.GetValue<string>() == "degraded",
            TimeSpan.FromSeconds(10), "readiness should say the cache is degraded");
        var ready = await instances.A.Anonymous().GetAsync("/health/ready");
        await ready.ShouldHaveStatusAsync(200);
        var before = loads;
        await onB.GetOrCreateAsync("test:outage", [], Load);
        await onB.GetOrCreateAsync("test:outage", [], Load);
        Assert.Equal(before + 2, loads); // no cache while Redis is down: every read goes to the store

        await _redis.StartAsync();

        await Eventually.HoldsAsync(async () =>
            (await instances.B.Anonymous().GetJsonAsync("/health/ready"))["status"]!.GetValue<string>() == "healthy",
            TimeSpan.FromSeconds(15), "the cache should reconnect by itself");
        await Eventually.HoldsAsync(() => Task.FromResult(onA.IsServing && onB.IsServing), TimeSpan.FromSeconds(15));
        before = loads;
        await onB.GetOrCreateAsync("test:outage", [], Load);
        await onB.GetOrCreateAsync("test:outage", [], Load);
        Assert.Equal(before + 1, loads); // cached again

        // And invalidation across instances works again (B re-subscribed).
        // (Each poll invalidates again: a message published before B re-subscribed is simply lost, by design.)
        var seen = loads;
        await Eventually.HoldsAsync(async () =>
        {
            await onB.GetOrCreateAsync("test:outage", [], Load);
            if (loads > seen)
            {
                return true;
            }

            await onA.InvalidateAsync(["test:outage"]);
            return false;
        }, TimeSpan.FromSeconds(10), "B should hear A's invalidations after the reconnect");
    }

    [Fact]
    public async Task A_change_made_during_a_redis_outage_is_not_hidden_by_what_the_other_instance_cached_before_it()
    {
        await using var instances = await TwoInstances.StartAsync(_redis);
        var onA = instances.A.Services.GetRequiredService<ReadThroughCache>();
        var onB = instances.B.Services.GetRequiredService<ReadThroughCache>();
        var redisOnB = instances.B.Services.GetRequiredService<RedisConnection>();
        var price = 25_000;
        ValueTask<int> Load(CancellationToken _) => ValueTask.FromResult(Volatile.Read(ref price));
        Assert.Equal(25_000, await onB.GetOrCreateAsync("test:product:outage", ["test:shop:outage"], Load));

        // Redis is stopped (a real outage, not a slow call): both instances switch to the store at once.
        await _redis.StopAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(!onA.IsServing && !onB.IsServing), TimeSpan.FromSeconds(10), "both instances notice the outage");

        // A change through A now cannot reach B (no pub/sub), and B still holds the old value in memory.
        Volatile.Write(ref price, 30_000);
        await onA.InvalidateAsync(["test:shop:outage"]);
        Assert.Equal(30_000, await onB.GetOrCreateAsync("test:product:outage", ["test:shop:outage"], Load));

        await _redis.StartAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(redisOnB.IsConnected && onB.IsServing), TimeSpan.FromSeconds(15), "B uses Redis again");

        // B dropped what it cached before the outage: the change it never heard of is what it serves, and is cached again.
        Assert.Equal(30_000, await onB.GetOrCreateAsync("test:product:outage", ["test:shop:outage"], Load));
        Volatile.Write(ref price, 35_000);
        Assert.Equal(30_000, await onB.GetOrCreateAsync("test:product:outage", ["test:shop:outage"], Load));
    }

    [Fact]
    public async Task Each_outbox_event_is_delivered_once_although_two_instances_dispatch_the_same_outbox()
    {
        var deliveries = new ConcurrentDictionary<Guid, int>();
        await using var instances = await TwoInstances.StartAsync(_redis,
            services => services.AddSingleton<IIntegrationEventHandler<UserRegistered>>(new RecordingHandler(deliveries)));
        var apps = new[] { instances.A, instances.B };
        var before = deliveries.Count;

        // 40 registrations, spread over both instances, each writing one UserRegistered to the identity outbox.
        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await apps[i % 2].SignUpAsync("shopper"));

        await Eventually.HoldsAsync(() => Task.FromResult(deliveries.Count >= before + 40), TimeSpan.FromSeconds(20),
            "every registration's event should be delivered");
        await instances.A.DrainOutboxAsync();
        await instances.B.DrainOutboxAsync();
        Assert.All(deliveries, d => Assert.Equal(1, d.Value));
    }

    private sealed class RecordingHandler(ConcurrentDictionary<Guid, int> deliveries) : IIntegrationEventHandler<UserRegistered>
    {
        public async Task HandleAsync(UserRegistered integrationEvent, CancellationToken cancellationToken)
        {
            // Long enough that two dispatchers polling the same rows would overlap.
            await Task.Delay(5, cancellationToken);
            deliveries.AddOrUpdate(integrationEvent.EventId, 1, (_, n) => n + 1);
        }
    }
}
