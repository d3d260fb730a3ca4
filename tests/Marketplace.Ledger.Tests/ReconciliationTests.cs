using System.Text.Json.Nodes;

namespace Marketplace.Ledger.Tests;

[Collection(LedgerCollection.Name)]
public sealed class ReconciliationTestsOnSqlite(LedgerApp app) : ReconciliationTests(app);

[Collection(LedgerPostgresCollection.Name)]
public sealed class ReconciliationTestsOnPostgres(LedgerAppOnPostgres app) : ReconciliationTests(app);

/// <summary>
/// A seeded random run of 1,000 operations through the API — card and manual checkouts over several shops, shipping,
/// completion, cancellation, partial and full refunds, payouts requested, paid and failed, some of them refused — after
/// which the ledger must reconcile: every balance equals its lines, everything sums to zero, every paid order is posted
/// for its exact total, every cancelled one reversed. The seed is printed in a failure so a run can be replayed.
/// </summary>
public abstract class ReconciliationTests(LedgerApp app)
{
    private const int Seed = 20261130;

    private sealed record OrderState(Guid Id, Flows.Shop Shop, JsonArray Lines)
    {
        public string Status { get; set; } = "paid";
    }

    [Fact]
    public async Task A_randomized_run_of_a_thousand_operations_reconciles()
    {
        // The seed is printed in a failure so a run can be replayed. 1,000 operations on SQLite, 300 on PostgreSQL keep the suite inside its time budget (LEDGER_RANDOM_OPS sets both).
        var operations = int.TryParse(Environment.GetEnvironmentVariable("LEDGER_RANDOM_OPS"), out var n) ? n : app.Provider == StoreProvider.Postgres ? 300 : 1000;
        var random = new Random(Seed);
        var subsectors = new[] { "kuliner", "kriya", "fashion", "musik" };
        var shops = new List<Flows.Shop>();
        var products = new Dictionary<Guid, List<Guid>>();
        for (var i = 0; i < 4; i++)
        {
            var shop = await app.ShopWithProductAsync(price: 100_000 * random.Next(1, 50) + random.Next(0, 99), shipping: 50_000 * random.Next(0, 4), subsector: subsectors[i], stock: 100_000);
            products[shop.ShopId] = [shop.ProductId, await shop.Merchant.AddProductAsync(shop.ShopId, 333_333 * random.Next(1, 9), subsectors[i], 100_000)];
            await shop.Merchant.RegisterBankAccountAsync(shop.ShopId);
            shops.Add(shop);
        }

        var shoppers = new[] { await app.SignUpAsync("shopper"), await app.SignUpAsync("shopper") };
        var admin = await app.AdminAsync();
        var orders = new List<OrderState>();
        var payouts = new List<(Guid Id, string Status)>();
        var tally = new Dictionary<string, int>();

        for (var op = 0; op < operations; op++)
        {
            var roll = random.Next(100);
            var kind = roll switch { < 28 => "order", < 42 => "ship", < 54 => "complete", < 60 => "cancel", < 76 => "partial_refund", < 80 => "full_refund", < 92 => "payout", _ => "settle_payout" };
            var done = kind switch
            {
                "order" => await PlaceAsync(random, shops, products, shoppers, orders),
                "ship" => await MoveAsync(random, orders, "paid", "shipped", o => o.Shop.Merchant.PostAsync($"/api/v1/orders/{o.Id}/ship", new { carrier = "JNE", trackingNumber = "CGK" + op })),
                "complete" => await MoveAsync(random, orders, "shipped", "completed", o => o.Shop.Merchant.PostAsync($"/api/v1/orders/{o.Id}/complete")),
                "cancel" => await MoveAsync(random, orders, "paid", "cancelled", o => o.Shop.Merchant.PostAsync($"/api/v1/orders/{o.Id}/cancel", new { reason = "stok habis" })),
                "partial_refund" => await RefundAsync(random, orders, partial: true),
                "full_refund" => await RefundAsync(random, orders, partial: false),
                "payout" => await PayoutAsync(random, shops, payouts),
                _ => await SettlePayoutAsync(random, admin, payouts),
            };
            if (done)
            {
                tally[kind] = tally.GetValueOrDefault(kind) + 1;
            }
        }

        var reconciliation = await app.ReconcileAsync();
        Assert.True(reconciliation["ok"]!.GetValue<bool>(), $"seed {Seed}: {reconciliation.ToJsonString()} after {string.Join(", ", tally.Select(t => $"{t.Key} {t.Value}"))}");
        Assert.True(reconciliation["paidOrdersChecked"]!.GetValue<int>() >= orders.Count);
        Assert.True(tally.GetValueOrDefault("partial_refund") > 10 && tally.GetValueOrDefault("payout") > 10 && tally.GetValueOrDefault("cancel") > 5, string.Join(", ", tally));
        foreach (var shop in shops)
        {
            var (pending, _, inPayout, paidOut) = await shop.Merchant.BalanceAsync(shop.ShopId);
            Assert.True(pending >= 0 && inPayout >= 0 && paidOut >= 0, $"seed {Seed}: shop {shop.ShopId} has a negative pending, in-payout or paid-out balance");
        }
    }

    private async Task<bool> PlaceAsync(Random random, List<Flows.Shop> shops, Dictionary<Guid, List<Guid>> products, ApiClient[] shoppers, List<OrderState> orders)
    {
        var shopper = shoppers[random.Next(shoppers.Length)];
        foreach (var shop in shops.OrderBy(_ => random.Next()).Take(random.Next(1, 3)))
        {
            foreach (var product in products[shop.ShopId].Where(_ => random.Next(2) == 0).DefaultIfEmpty(products[shop.ShopId][0]))
            {
                await shopper.AddToCartAsync(product, random.Next(1, 6));
            }
        }

        var card = random.Next(3) == 0;
        var placed = await shopper.CheckoutAsync(card ? "stripe" : "manual");
        if (card)
        {
            await app.PayByCardAsync(placed);
        }

        foreach (var order in placed.Orders())
        {
            var shop = shops.Single(s => s.ShopId == order["shop"]!.Id());
            if (!card)
            {
                await (await shop.Merchant.PostAsync($"/api/v1/orders/{order.Id()}/confirm-payment")).ShouldHaveStatusAsync(200);
            }

            orders.Add(new OrderState(order.Id(), shop, order["lines"]!.AsArray()));
        }

        await app.DrainOutboxAsync();
        return true;
    }

    private static async Task<bool> MoveAsync(Random random, List<OrderState> orders, string from, string to, Func<OrderState, Task<HttpResponseMessage>> move)
    {
        var candidates = orders.Where(o => o.Status == from).ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        var order = candidates[random.Next(candidates.Count)];
        await (await move(order)).ShouldHaveStatusAsync(200);
        order.Status = to;
        return true;
    }

    private static async Task<bool> RefundAsync(Random random, List<OrderState> orders, bool partial)
    {
        var candidates = orders.Where(o => o.Status != "cancelled").ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        var order = candidates[random.Next(candidates.Count)];
        object body;
        if (partial)
        {
            var line = order.Lines[random.Next(order.Lines.Count)]!;
            body = new { reason = "Barang cacat", lines = new[] { new { lineId = line.Id(), quantity = random.Next(1, 3) } }, refundShipping = random.Next(4) == 0 };
        }
        else
        {
            body = new { reason = "Pesanan dibatalkan pembeli", returnStock = random.Next(2) == 0 };
        }

        var response = await order.Shop.Merchant.RefundAsync(order.Id, body);
        // Refunds of units already refunded (or more units than left) are refused: 409 or 422 naming the field, never a 5xx.
        Assert.Contains((int)response.StatusCode, new[] { 201, 409, 422 });
        return (int)response.StatusCode == 201;
    }

    private static async Task<bool> PayoutAsync(Random random, List<Flows.Shop> shops, List<(Guid Id, string Status)> payouts)
    {
        var shop = shops[random.Next(shops.Count)];
        var available = (await shop.Merchant.BalanceAsync(shop.ShopId)).Available;
        // Sometimes more than is available, sometimes below the minimum: those are refused.
        // (A refund after a payout can leave available below zero; then any request is more than is available.)
        var amount = available <= 0 ? LedgerApp.MinimumPayout : random.Next(5) == 0 ? available + 1 : Math.Max(1, available / random.Next(1, 4));
        var response = await shop.Merchant.RequestPayoutAsync(shop.ShopId, amount);
        Assert.Contains((int)response.StatusCode, new[] { 201, 409, 422 });
        if ((int)response.StatusCode != 201)
        {
            return false;
        }

        payouts.Add(((await response.JsonAsync()).Id(), "requested"));
        return true;
    }

    private static async Task<bool> SettlePayoutAsync(Random random, ApiClient admin, List<(Guid Id, string Status)> payouts)
    {
        var open = payouts.Select((p, i) => (p, i)).Where(x => x.p.Status == "requested").ToList();
        if (open.Count == 0)
        {
            return false;
        }

        var (payout, index) = open[random.Next(open.Count)];
        await (await admin.PostAsync($"/api/v1/ledger/payouts/{payout.Id}/approve")).ShouldHaveStatusAsync(200);
        var paid = random.Next(4) != 0;
        await (paid
            ? await admin.PostAsync($"/api/v1/ledger/payouts/{payout.Id}/mark-paid", new { reference = "TRF-" + payout.Id.ToString("N")[..8] })
            : await admin.PostAsync($"/api/v1/ledger/payouts/{payout.Id}/fail", new { reason = "Rekening ditolak bank" })).ShouldHaveStatusAsync(200);
        payouts[index] = (payout.Id, paid ? "paid" : "failed");
        return true;
    }
}
