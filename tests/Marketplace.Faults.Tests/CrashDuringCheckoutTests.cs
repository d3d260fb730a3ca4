using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing.Servers;
using Xunit.Abstractions;

namespace Marketplace.Faults.Tests;

/// <summary>Process-hosted tests run one at a time: each starts a whole API process, and two cores are not many.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessFaults
{
    public const string Name = "process-faults";
}

[Collection(ProcessFaults.Name)]
public sealed class CrashDuringCheckoutTestsOnSqlite(ITestOutputHelper output) : CrashDuringCheckoutTests(StoreProvider.Sqlite, output);

[Collection(ProcessFaults.Name)]
public sealed class CrashDuringCheckoutTestsOnPostgres(ITestOutputHelper output) : CrashDuringCheckoutTests(StoreProvider.Postgres, output);

/// <summary>
/// kill -9 of the API process while shoppers check out. After the restart: every order that got a 201 is there; for
/// every product stock + held + sold equals the initial stock; a reservation whose checkout never committed is given
/// back within a minute; every outbox event is delivered, none stored twice.
/// </summary>
public abstract class CrashDuringCheckoutTests(StoreProvider provider, ITestOutputHelper output)
{
    private const int InitialStock = 40;
    private const int Shoppers = 24;

    [Fact]
    public async Task Acknowledged_orders_survive_a_kill_9_mid_checkout_and_no_stock_is_lost_or_held_by_a_dead_checkout()
    {
        await using var api = await Faults.StartAsync(provider);
        var store = new Store(api);
        var merchant = await api.SignUpAsync("merchant");
        var products = await Faults.ProductsAsync(merchant, count: 4, stock: InitialStock);
        var shoppers = new List<ApiClient>();
        for (var i = 0; i < Shoppers; i++)
        {
            var shopper = await api.SignUpAsync("shopper");
            Assert.True((await shopper.PostAsync("/api/v1/cart/items", new { productId = products[i % products.Count], quantity = 1 + (i % 3) })).IsSuccessStatusCode);
            shoppers.Add(shopper);
        }

        // All checkouts at once; the process dies as soon as the first few have been acknowledged.
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(ApiClient Shopper, JsonNode Body)>();
        var firstAcks = new TaskCompletionSource();
        var checkouts = shoppers.Select(async shopper =>
        {
            try
            {
                var response = await Faults.CheckoutAsync(shopper);
                if ((int)response.StatusCode == 201)
                {
                    acknowledged.Add((shopper, await response.JsonAsync()));
                    if (acknowledged.Count >= 3)
                    {
                        firstAcks.TrySetResult();
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // Cut off by the crash: the outcome is unknown to this shopper, as it would be to a real one.
            }
        }).ToList();
        await Task.WhenAny(firstAcks.Task, Task.WhenAll(checkouts));
        api.Kill();
        await Task.WhenAll(checkouts);
        var acked = acknowledged.ToList();
        output.WriteLine($"{acked.Count} of {Shoppers} checkouts acknowledged before kill -9");
        Assert.NotEmpty(acked);

        var restart = Stopwatch.StartNew();
        await api.StartAsync();
        output.WriteLine($"restarted and live in {restart.ElapsedMilliseconds} ms");

        foreach (var (shopper, body) in acked)
        {
            foreach (var order in body["orders"]!.AsArray())
            {
                await (await shopper.GetAsync($"/api/v1/orders/{order!["id"]}")).ShouldHaveStatusAsync(200);
            }
        }

        // Nothing held by a checkout that died: within a minute of the restart every held unit belongs to an order.
        await Eventually.HoldsAsync(async () => (await store.OrphanedReservationsAsync()).Count == 0, TimeSpan.FromSeconds(60),
            "reservations of checkouts that never committed should be released within a minute of the restart");
        output.WriteLine($"orphaned reservations released {restart.ElapsedMilliseconds} ms after the restart began");
        foreach (var (product, (stock, held, sold)) in await store.StockLedgerAsync(products))
        {
            Assert.True(stock + held + sold == InitialStock, $"{product}: stock {stock} + held {held} + sold {sold} != {InitialStock}");
        }

        var ordered = acked.Sum(a => a.Body["orders"]!.AsArray().Sum(o => o!["lines"]!.AsArray().Sum(l => l!["quantity"]!.GetValue<int>())));
        var ledger = await store.StockLedgerAsync(products);
        Assert.True(ledger.Values.Sum(v => v.Held + v.Sold) >= ordered, "every acknowledged unit is still reserved");

        await Eventually.HoldsAsync(async () => (await store.OutboxAsync()).Pending == 0, TimeSpan.FromSeconds(30), "every outbox event is delivered after the restart");
        var outbox = await store.OutboxAsync();
        Assert.Equal(0, outbox.Duplicated);
        output.WriteLine($"outbox: {outbox.Total} events, all delivered {restart.ElapsedMilliseconds} ms after the restart began");

        // Search caught up with the stock too (its index is fed by the same outbox).
        var search = await api.Anonymous().GetJsonAsync("/api/v1/search/products?q=Pempek%20Tahan%20Banting&pageSize=50");
        Assert.Equal(products.Count, search["items"]!.AsArray().Count(i => products.Contains(Guid.Parse(i!["productId"]!.GetValue<string>()))));
    }
}
