using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing.Servers;
using Xunit.Abstractions;

namespace Marketplace.Faults.Tests;

/// <summary>
/// The API's PostgreSQL server (a cluster of this test's own) is stopped with <c>pg_ctl stop -m fast</c> while shoppers
/// check out and visitors read, then started again. During the outage every request answers quickly — a 503
/// <c>store.unavailable</c> with <c>Retry-After</c>, or a cached read — never a 500 and never a hang; after the restart
/// the same process serves again by itself (the pool reconnects); every order that got a 201 is there, and every
/// committed change's outbox event is delivered (the last stock change of each product says what the store says).
/// </summary>
[Collection(ProcessFaults.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    /// <summary>What "fails fast" means: far below the clients' 30 s time-out and any proxy's.</summary>
    private static readonly TimeSpan FastEnough = TimeSpan.FromSeconds(5);

    private const int Shoppers = 6;

    [Fact]
    public async Task Requests_fail_fast_with_503_while_postgres_restarts_and_the_same_process_recovers_without_losing_orders_or_events()
    {
        var postgres = await PostgresServer.StartNewAsync();
        await using var api = new ApiProcess();
        api.Settings["Database:Provider"] = "Postgres";
        api.Settings["ConnectionStrings:Marketplace"] = await postgres.CreateDatabaseAsync();
        await api.StartAsync();
        var store = new Store(api);
        var merchant = await api.SignUpAsync("merchant");
        var products = await Faults.ProductsAsync(merchant, count: 3, stock: 10_000);
        var shoppers = new List<ApiClient>();
        for (var i = 0; i < Shoppers; i++)
        {
            shoppers.Add(await api.SignUpAsync("shopper"));
        }

        var phase = Phase.Before;
        var acknowledged = new ConcurrentBag<(ApiClient Shopper, JsonNode Body)>();
        var outage = new ConcurrentBag<Outcome>();
        var firstSuccessAfterRestart = new ConcurrentDictionary<string, long>();
        var restart = new Stopwatch();
        using var stop = new CancellationTokenSource();

        async Task Record(string what, Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, Task>? created = null)
        {
            var during = phase;
            var timer = Stopwatch.StartNew();
            int status;
            string? code = null;
            var retryAfter = false;
            try
            {
                using var response = await send();
                status = (int)response.StatusCode;
                retryAfter = response.Headers.RetryAfter is not null;
                if (status >= 400)
                {
                    code = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["code"]?.GetValue<string>();
                }
                else if (status == 201 && created is not null)
                {
                    await created(response);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                status = -1; // no answer at all: a hang (time-out) or a dropped connection
                code = e.GetType().Name;
            }

            timer.Stop();
            if (during == Phase.Outage)
            {
                outage.Add(new Outcome(what, status, code, retryAfter, timer.Elapsed));
            }
            else if (during == Phase.After && status is >= 200 and < 300)
            {
                firstSuccessAfterRestart.TryAdd(what, restart.ElapsedMilliseconds);
            }
        }

        var load = shoppers.Select((shopper, n) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Record("cart", () => shopper.PostAsync("/api/v1/cart/items", new { productId = products[n % products.Count], quantity = 1 }));
                var during = phase;
                await Record("checkout", () => Faults.CheckoutAsync(shopper),
                    async placed => acknowledged.Add((shopper, JsonNode.Parse(await placed.Content.ReadAsStringAsync())!)));

                await Record("orders", () => shopper.GetAsync("/api/v1/orders"));
                if (during == Phase.Outage)
                {
                    await Task.Delay(100); // a client backing off a little, as Retry-After asks
                }
            }
        })).Concat(products.Select(product => Task.Run(async () =>
        {
            var visitor = api.Anonymous();
            while (!stop.IsCancellationRequested)
            {
                await Record("product", () => visitor.GetAsync($"/api/v1/products/{product}"));
                await Record("search", () => visitor.GetAsync("/api/v1/search/products?q=Pempek"));
                await Task.Delay(50);
            }
        }))).ToList();

        await Eventually.HoldsAsync(() => Task.FromResult(acknowledged.Count >= 6), TimeSpan.FromSeconds(60), "checkouts succeed before the outage");
        var stopping = Stopwatch.StartNew();
        phase = Phase.Outage;
        await postgres.StopAsync();
        output.WriteLine($"pg_ctl stop -m fast took {stopping.ElapsedMilliseconds} ms; {acknowledged.Count} checkouts acknowledged before");

        // Keep the load on while the store is down, until every kind of request has been seen failing or served.
        await Eventually.HoldsAsync(() => Task.FromResult(outage.Count(o => o.What == "checkout") >= 10 && outage.Count(o => o.What == "product") >= 10),
            TimeSpan.FromSeconds(60), "requests keep being answered during the outage");
        var health = await api.Anonymous().GetAsync("/health/ready");
        output.WriteLine($"/health/ready during the outage: {(int)health.StatusCode}");
        Assert.Equal(503, (int)health.StatusCode);

        await postgres.StartAgainAsync();
        restart.Start();
        phase = Phase.After;
        await Eventually.HoldsAsync(() => Task.FromResult(firstSuccessAfterRestart.ContainsKey("checkout") && firstSuccessAfterRestart.ContainsKey("cart")),
            TimeSpan.FromSeconds(60), "checkouts succeed again after the restart, without restarting the API");
        var recoveredAt = restart.ElapsedMilliseconds;
        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.True(api.IsRunning, "the API process is still the same one");

        var outcomes = outage.ToList();
        foreach (var group in outcomes.GroupBy(o => o.What))
        {
            output.WriteLine($"during the outage, {group.Key}: " + string.Join(", ", group.GroupBy(o => (o.Status, o.Code)).Select(g => $"{g.Key.Status} {g.Key.Code} x{g.Count()}")) +
                $"; slowest {group.Max(o => o.Took).TotalMilliseconds:F0} ms");
        }

        output.WriteLine("first success after the restart (ms): " + string.Join(", ", firstSuccessAfterRestart.OrderBy(p => p.Value).Select(p => $"{p.Key} {p.Value}")));
        output.WriteLine($"recovered (cart and checkout working) {recoveredAt} ms after PostgreSQL was back");
        Assert.DoesNotContain(outcomes, o => o.Status is -1 or >= 500 and not 503);
        Assert.All(outcomes.Where(o => o.Status == 503), o =>
        {
            Assert.Equal("store.unavailable", o.Code);
            Assert.True(o.RetryAfter, "a 503 says when to retry");
        });
        Assert.All(outcomes, o => Assert.True(o.Took < FastEnough, $"{o.What} took {o.Took.TotalMilliseconds:F0} ms during the outage"));
        Assert.Contains(outcomes, o => o is { What: "checkout", Status: 503 });

        // Every acknowledged order is there.
        var acked = acknowledged.ToList();
        output.WriteLine($"{acked.Count} checkouts acknowledged in all");
        foreach (var (shopper, body) in acked)
        {
            foreach (var order in body["orders"]!.AsArray())
            {
                await (await shopper.GetAsync($"/api/v1/orders/{order!["id"]}")).ShouldHaveStatusAsync(200);
            }
        }

        // Every committed change's event is delivered, none twice, and the last one of each product says what the store says.
        var delivered = Stopwatch.StartNew();
        await Eventually.HoldsAsync(async () => (await store.OutboxAsync()).Pending == 0, TimeSpan.FromSeconds(60), "every outbox event is delivered");
        output.WriteLine($"outbox drained {delivered.ElapsedMilliseconds} ms after the load stopped");
        Assert.Equal(0, (await store.OutboxAsync()).Duplicated);
        var stock = (await store.QueryAsync($"SELECT \"Id\", \"Stock\" FROM {store.Table("catalog", "catalog_products")}"))
            .ToDictionary(r => Store.Id(r[0]), r => Convert.ToInt64(r[1]));
        var lastEvent = new Dictionary<Guid, long>();
        foreach (var row in await store.QueryAsync(
                     $"SELECT \"Payload\" FROM {store.Table("catalog", "catalog_outbox")} WHERE \"Type\" LIKE '%ProductStockChanged' ORDER BY \"Id\""))
        {
            var payload = JsonDocument.Parse((string)row[0]!).RootElement;
            lastEvent[payload.GetProperty("productId").GetGuid()] = payload.GetProperty("stock").GetInt64();
        }

        foreach (var product in products)
        {
            Assert.Equal(stock[product], lastEvent[product]);
        }

        var sold = acked.Sum(a => a.Body["orders"]!.AsArray().Sum(o => o!["lines"]!.AsArray().Sum(l => l!["quantity"]!.GetValue<int>())));
        Assert.True(products.Count * 10_000L - stock.Where(p => products.Contains(p.Key)).Sum(p => p.Value) >= sold, "every acknowledged unit is still taken from stock");
    }

    private enum Phase
    {
        Before,
        Outage,
        After,
    }

    private sealed record Outcome(string What, int Status, string? Code, bool RetryAfter, TimeSpan Took);
}
