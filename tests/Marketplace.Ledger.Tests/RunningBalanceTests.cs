using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Ledger.Tests;

[Collection(LedgerCollection.Name)]
public sealed class RunningBalanceTestsOnSqlite(LedgerApp app) : RunningBalanceTests(app);

[Collection(LedgerPostgresCollection.Name)]
public sealed class RunningBalanceTestsOnPostgres(LedgerAppOnPostgres app) : RunningBalanceTests(app);

/// <summary>
/// Every journal line stores its account's balance after it. Whatever moved the money — payments, refunds, releases,
/// payouts paid or failed, postings racing for one shop — a statement's balance-after column must be the opening balance
/// plus the movements before it, its closing balance the last of them and the shop's balance, on every page and in the CSV.
/// </summary>
public abstract class RunningBalanceTests(LedgerApp app)
{
    private const string AllTime = "from=2000-01-01T00:00:00Z";

    [Fact]
    public async Task The_balance_after_each_movement_follows_refunds_releases_and_payouts_paid_and_failed()
    {
        var shop = await app.ShopWithProductAsync(price: 1_000_000, shipping: 200_000);
        await shop.Merchant.RegisterBankAccountAsync(shop.ShopId);
        var first = await app.PaidManualOrderAsync(shop, 3);
        var second = await app.PaidManualOrderAsync(shop, 2);
        await app.DrainOutboxAsync();
        var refund = await shop.Merchant.RefundAsync(first.Id(), new { reason = "Satu rusak", lines = new[] { new { lineId = first["lines"]![0]!.Id(), quantity = 1 } }, transferReference = "BCA-9" });
        await refund.ShouldHaveStatusAsync(201);
        await shop.Merchant.ShipAndCompleteAsync(first.Id());
        await shop.Merchant.ShipAndCompleteAsync(second.Id());
        await app.DrainOutboxAsync();

        var admin = await app.AdminAsync();
        var (_, available, _, _) = await shop.Merchant.BalanceAsync(shop.ShopId);
        var failing = await (await shop.Merchant.RequestPayoutAsync(shop.ShopId, available)).JsonAsync();
        await (await admin.PostAsync($"/api/v1/ledger/payouts/{failing.Id()}/approve")).ShouldHaveStatusAsync(200);
        await (await admin.PostAsync($"/api/v1/ledger/payouts/{failing.Id()}/fail", new { reason = "Rekening ditutup" })).ShouldHaveStatusAsync(200);
        var paid = await (await shop.Merchant.RequestPayoutAsync(shop.ShopId, available - 100_000)).JsonAsync();
        await (await admin.PostAsync($"/api/v1/ledger/payouts/{paid.Id()}/approve")).ShouldHaveStatusAsync(200);
        await (await admin.PostAsync($"/api/v1/ledger/payouts/{paid.Id()}/mark-paid", new { reference = "BCA-TRF-7" })).ShouldHaveStatusAsync(200);

        var balance = await shop.Merchant.BalanceAsync(shop.ShopId);
        Assert.Equal((0L, 100_000L, 0L, available - 100_000), balance);
        var statement = await StatementAsync(shop);
        var closing = AssertRunningBalances(statement);
        Assert.Equal(balance, (closing["pending"], closing["available"], closing["in_payout"], closing["paid_out"]));
        var kinds = statement["items"]!.AsArray().Where(i => i!.S("account") == "available").Select(i => i!.S("kind")).ToList();
        Assert.Equal(["order_released", "order_released", "payout_requested", "payout_failed", "payout_requested"], kinds);

        // Page by page, each page's balances carry on from the page before.
        var pages = new List<JsonNode>();
        for (var page = 1; page <= 10; page++)
        {
            pages.AddRange((await StatementAsync(shop, $"&pageSize=3&page={page}"))["items"]!.AsArray().Select(i => i!));
        }

        Assert.Equal(statement["items"]!.AsArray().Select(i => (i!.S("kind"), i!.Amount("balanceAfter"))), pages.Select(i => (i.S("kind"), i.Amount("balanceAfter"))));

        // A period starting between two movements opens with the balance after the earlier one.
        var items = statement["items"]!.AsArray().Select(i => i!).ToList();
        var cut = items.FindIndex(i => i.S("kind") == "payout_failed");
        var at = items[cut]["at"]!.GetValue<DateTimeOffset>();
        var later = await StatementAsync(shop, from: at);
        var opening = later["accounts"]!.AsArray().ToDictionary(a => a!.S("account"), a => a!.Amount("opening"));
        foreach (var account in opening.Keys)
        {
            var before = items.Take(cut).LastOrDefault(i => i.S("account") == account && i["at"]!.GetValue<DateTimeOffset>() < at);
            Assert.Equal(before?.Amount("balanceAfter") ?? 0, opening[account]);
        }

        AssertRunningBalances(later);
        await AssertCsvMatchesAsync(shop, statement);
        var reconciliation = await app.ReconcileAsync();
        Assert.Empty(reconciliation["runningBalances"]!.AsArray());
        Assert.True(reconciliation["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Concurrent_postings_to_one_shop_leave_a_balance_after_sequence_that_ends_at_the_balance()
    {
        var shop = await app.ShopWithProductAsync(price: 700_000, shipping: 0);
        var shoppers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.SignUpAsync("shopper")));
        var orders = new List<Guid>();
        foreach (var (shopper, i) in shoppers.Select((s, i) => (s, i)))
        {
            await shopper.AddToCartAsync(shop.ProductId, 1 + i % 3);
            orders.Add((await shopper.CheckoutAsync()).Orders().Single().Id());
        }

        // The payments confirmed at once; their OrderPaid events reach the Ledger together.
        var confirmed = await Task.WhenAll(orders.Select(id => shop.Merchant.PostAsync($"/api/v1/orders/{id}/confirm-payment")));
        Assert.All(confirmed, r => Assert.Equal(200, (int)r.StatusCode));
        await app.DrainOutboxAsync();
        // Then four completions race each other (pending → available).
        await Task.WhenAll(orders.Take(4).Select(id => shop.Merchant.ShipAndCompleteAsync(id)));
        await app.DrainOutboxAsync();

        var balance = await shop.Merchant.BalanceAsync(shop.ShopId);
        var statement = await StatementAsync(shop);
        Assert.Equal(16, statement["items"]!.AsArray().Count);
        var closing = AssertRunningBalances(statement);
        Assert.Equal(balance, (closing["pending"], closing["available"], closing["in_payout"], closing["paid_out"]));
        await AssertCsvMatchesAsync(shop, statement);
        var reconciliation = await app.ReconcileAsync();
        Assert.Empty(reconciliation["runningBalances"]!.AsArray());
        Assert.True(reconciliation["ok"]!.GetValue<bool>());
    }

    private async Task<JsonNode> StatementAsync(Flows.Shop shop, string paging = "&pageSize=100", DateTimeOffset? from = null)
    {
        var period = from is { } f ? "from=" + Uri.EscapeDataString(f.ToString("O", CultureInfo.InvariantCulture)) : AllTime;
        return await shop.Merchant.GetJsonAsync($"/api/v1/shops/{shop.ShopId}/statement?{period}{paging}");
    }

    /// <summary>Per account: opening + each movement = its balance after; the last = the closing balance. Returns the closings.</summary>
    private static Dictionary<string, long> AssertRunningBalances(JsonNode statement)
    {
        var running = statement["accounts"]!.AsArray().ToDictionary(a => a!.S("account"), a => a!.Amount("opening"));
        foreach (var item in statement["items"]!.AsArray().Select(i => i!))
        {
            var account = item.S("account");
            running[account] += item.Amount("amount");
            Assert.Equal(running[account], item.Amount("balanceAfter"));
        }

        var closing = statement["accounts"]!.AsArray().ToDictionary(a => a!.S("account"), a => a!.Amount("closing"));
        Assert.Equal(running, closing);
        return closing;
    }

    private static async Task AssertCsvMatchesAsync(Flows.Shop shop, JsonNode statement)
    {
        var csv = await shop.Merchant.GetAsync($"/api/v1/shops/{shop.ShopId}/statement.csv?{AllTime}");
        await csv.ShouldHaveStatusAsync(200);
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(r => r.TrimEnd('\r').Split(',')).Where(r => r[1] != "opening_balance").ToList();
        Assert.Equal(
            statement["items"]!.AsArray().Select(i => (i!.S("account"), i!.Amount("amount"), i!.Amount("balanceAfter"))),
            rows.Select(r => (r[2], long.Parse(r[6], CultureInfo.InvariantCulture), long.Parse(r[8], CultureInfo.InvariantCulture))));
    }
}
