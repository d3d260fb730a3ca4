using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Marketplace.Testing;
using Marketplace.Testing.Servers;

namespace Marketplace.ScaleOut.Tests;

/// <summary>What one instance does is what the other sees: limits, prices, through the real HTTP pipeline.</summary>
public sealed class SharedStateTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task The_sign_in_limit_is_shared_by_both_instances_and_loosens_to_per_instance_while_redis_is_down()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:LoginRateLimit:PermitLimit"] = "4",
            ["Identity:LoginRateLimit:Window"] = "00:05:00",
        };
        await using var instances = await TwoInstances.StartAsync(_redis, settings: settings);
        var wrong = new { email = "nobody@tests.marketplace.id", password = "Salah-Sandi-123" };

        // Two attempts on each instance use up the one shared allowance of four…
        foreach (var app in new[] { instances.A, instances.B, instances.A, instances.B })
        {
            await (await app.Anonymous().PostAsync("/api/v1/auth/login", wrong)).ShouldHaveStatusAsync(401);
        }

        // …so the fifth is refused wherever it lands, with a Retry-After within the window.
        var refusedOnA = await instances.A.Anonymous().PostAsync("/api/v1/auth/login", wrong);
        await refusedOnA.ShouldBeProblemAsync(429, code: "rate_limited");
        Assert.InRange(int.Parse(refusedOnA.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 300);
        await (await instances.B.Anonymous().PostAsync("/api/v1/auth/login", wrong)).ShouldBeProblemAsync(429);

        // Redis down: each instance limits on its own (in-process window) instead of failing the request.
        await _redis.StopAsync();
        var duringOutage = await instances.A.Anonymous().PostAsync("/api/v1/auth/login", wrong);
        Assert.Contains(duringOutage.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
        await _redis.StartAsync();
    }

    [Fact]
    public async Task A_price_changed_through_A_is_served_by_B_within_a_second()
    {
        await using var instances = await TwoInstances.StartAsync(_redis);
        var merchant = await instances.A.SignUpAsync("merchant", "Pak Yusuf Pempek");
        var shop = await (await merchant.PostAsync("/api/v1/shops", new
        {
            name = "Pempek Yusuf " + Guid.NewGuid().ToString("N")[..6],
            cityCode = "16.71",
            subsectors = new[] { "kuliner" },
        })).JsonAsync();
        var product = await (await merchant.PostAsync($"/api/v1/shops/{shop["id"]}/products", new
        {
            name = "Pempek Kapal Selam",
            price = new { amount = 2_500_000, currency = "IDR" },
            subsector = "kuliner",
            stock = 20,
        })).JsonAsync();
        var url = $"/api/v1/products/{product["id"]}";
        await (await merchant.PostAsync($"{url}/publish")).ShouldHaveStatusAsync(200);

        var shopperOnB = instances.B.Anonymous();
        Assert.Equal(2_500_000, Price(await shopperOnB.GetJsonAsync(url))); // now cached on B (L1) and in Redis (L2)

        var patched = await merchant.PatchAsync(url, new { price = new { amount = 3_000_000, currency = "IDR" } });
        await patched.ShouldHaveStatusAsync(200);
        var changedAt = Stopwatch.StartNew();
        await Eventually.HoldsAsync(async () => Price(await shopperOnB.GetJsonAsync(url)) == 3_000_000,
            TimeSpan.FromSeconds(1), "B still serves the old price a second after the change on A");
        Assert.True(changedAt.Elapsed < TimeSpan.FromSeconds(1.5), $"took {changedAt.Elapsed}");
    }

    private static long Price(JsonNode product) => product["price"]!["amount"]!.GetValue<long>();
}
