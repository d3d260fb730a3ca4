using System.Text.Json.Nodes;

namespace Marketplace.Ledger.Tests;

[Collection(LedgerCollection.Name)]
public sealed class PayoutTestsOnSqlite(LedgerApp app) : PayoutTests(app);

[Collection(LedgerPostgresCollection.Name)]
public sealed class PayoutTestsOnPostgres(LedgerAppOnPostgres app) : PayoutTests(app);

/// <summary>Bank accounts, payout requests (bounded by the available balance in the store), approval, paid, failed; statements.</summary>
public abstract class PayoutTests(LedgerApp app)
{
    /// <summary>A shop with <paramref name="price"/> (5 % commission off) available.</summary>
    private async Task<Flows.Shop> ShopWithAvailableAsync(long price)
    {
        var shop = await app.ShopWithProductAsync(price: price, shipping: 0);
        var order = await app.PaidManualOrderAsync(shop, 1);
        await shop.Merchant.ShipAndCompleteAsync(order.Id());
        await app.DrainOutboxAsync();
        return shop;
    }

    [Fact]
    public async Task A_payout_requested_approved_and_paid_leaves_nothing_available_and_the_statement_shows_it()
    {
        var shop = await ShopWithAvailableAsync(4_000_000);
        Assert.Equal((0L, 3_800_000L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));
        await (await shop.Merchant.RequestPayoutAsync(shop.ShopId, 3_800_000)).ShouldBeProblemAsync(422, "bankAccount");

        var registered = await shop.Merchant.PutAsync($"/api/v1/shops/{shop.ShopId}/bank-account", new { bankCode = "014", accountNumber = "8012345678", holderName = "Siti Aminah" });
        await registered.ShouldHaveStatusAsync(200);
        var account = await registered.JsonAsync();
        Assert.Equal("******5678", account.S("accountNumberMasked"));
        Assert.DoesNotContain("8012345678", account.ToJsonString(), StringComparison.Ordinal);

        var key = Guid.NewGuid().ToString();
        var requested = await shop.Merchant.RequestPayoutAsync(shop.ShopId, 3_800_000, key);
        await requested.ShouldHaveStatusAsync(201);
        var payout = await requested.JsonAsync();
        Assert.Equal("requested", payout.S("status"));
        Assert.Null(payout["accountNumber"]);
        Assert.DoesNotContain("8012345678", payout.ToJsonString(), StringComparison.Ordinal);
        // The same key again is the same payout, not a second one.
        var retried = await shop.Merchant.RequestPayoutAsync(shop.ShopId, 3_800_000, key);
        await retried.ShouldHaveStatusAsync(201);
        Assert.Equal(payout.Id(), (await retried.JsonAsync()).Id());
        Assert.Equal((0L, 0L, 3_800_000L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));

        var admin = await app.AdminAsync();
        await (await admin.PostAsync($"/api/v1/ledger/payouts/{payout.Id()}/mark-paid", new { reference = "TRF-1" })).ShouldBeProblemAsync(409);
        await (await shop.Merchant.PostAsync($"/api/v1/ledger/payouts/{payout.Id()}/approve")).ShouldHaveStatusAsync(403);
        var queue = await admin.GetJsonAsync("/api/v1/ledger/payouts?status=requested&pageSize=100");
        Assert.Contains(queue["items"]!.AsArray(), p => p!.Id() == payout.Id() && p!.S("accountNumber") == "8012345678");
        await (await admin.PostAsync($"/api/v1/ledger/payouts/{payout.Id()}/approve")).ShouldHaveStatusAsync(200);
        await (await admin.PostAsync($"/api/v1/ledger/payouts/{payout.Id()}/mark-paid", new { reference = "" })).ShouldBeProblemAsync(400, "reference");
        var paid = await admin.PostAsync($"/api/v1/ledger/payouts/{payout.Id()}/mark-paid", new { reference = "BCA-TRF-20261130-001" });
        await paid.ShouldHaveStatusAsync(200);
        Assert.Equal("paid", (await paid.JsonAsync()).S("status"));
        await (await admin.PostAsync($"/api/v1/ledger/payouts/{payout.Id()}/fail", new { reason = "terlambat" })).ShouldBeProblemAsync(409);
        Assert.Equal((0L, 0L, 0L, 3_800_000L), await shop.Merchant.BalanceAsync(shop.ShopId));

        var statement = await shop.Merchant.GetJsonAsync($"/api/v1/shops/{shop.ShopId}/statement?account=available");
        var available = statement["accounts"]![0]!;
        Assert.Equal(0, available.Amount("opening"));
        Assert.Equal(0, available.Amount("closing"));
        Assert.Equal(new[] { "order_released", "payout_requested" }, statement["items"]!.AsArray().Select(i => i!.S("kind")));
        Assert.Equal(new long[] { 3_800_000, 0 }, statement["items"]!.AsArray().Select(i => i!.Amount("balanceAfter")));

        var csv = await shop.Merchant.GetAsync($"/api/v1/shops/{shop.ShopId}/statement.csv");
        await csv.ShouldHaveStatusAsync(200);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("posted_at,kind,account,entry_id,order_id,order_line_id,amount,currency,balance_after", rows[0].TrimEnd('\r'));
        Assert.Contains(rows, r => r.Contains(",payout_paid,paid_out,", StringComparison.Ordinal) && r.TrimEnd('\r').EndsWith(",3800000,IDR,3800000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_payout_returns_the_money_to_available()
    {
        var shop = await ShopWithAvailableAsync(2_000_000);
        await shop.Merchant.RegisterBankAccountAsync(shop.ShopId);
        var payout = await (await shop.Merchant.RequestPayoutAsync(shop.ShopId, 1_500_000)).JsonAsync();
        var admin = await app.AdminAsync();
        await (await admin.PostAsync($"/api/v1/ledger/payouts/{payout.Id()}/approve")).ShouldHaveStatusAsync(200);
        var failed = await admin.PostAsync($"/api/v1/ledger/payouts/{payout.Id()}/fail", new { reason = "Rekening tidak aktif" });
        await failed.ShouldHaveStatusAsync(200);
        Assert.Equal("failed", (await failed.JsonAsync()).S("status"));
        Assert.Equal((0L, 1_900_000L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));
    }

    [Fact]
    public async Task Twenty_concurrent_requests_for_the_whole_balance_grant_exactly_one()
    {
        var shop = await ShopWithAvailableAsync(3_000_000);
        await shop.Merchant.RegisterBankAccountAsync(shop.ShopId);
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => shop.Merchant.RequestPayoutAsync(shop.ShopId, 2_850_000)));
        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.Equal(19, statuses.Count(s => s == 409));
        Assert.Equal((0L, 0L, 2_850_000L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));
        Assert.Single((await shop.Merchant.GetJsonAsync($"/api/v1/shops/{shop.ShopId}/payouts"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Payout_and_bank_account_edges_are_clear_problems()
    {
        var shop = await ShopWithAvailableAsync(2_000_000);
        var other = await app.ShopWithProductAsync(price: 1_000_000, shipping: 0);
        var shopper = await app.SignUpAsync("shopper");
        var bank = $"/api/v1/shops/{shop.ShopId}/bank-account";
        await (await shop.Merchant.PutAsync(bank, new { bankCode = "999", accountNumber = "1234567890", holderName = "Siti" })).ShouldBeProblemAsync(400, "bankCode");
        await (await shop.Merchant.PutAsync(bank, new { bankCode = "014", accountNumber = "12345", holderName = "Siti" })).ShouldBeProblemAsync(400, "accountNumber");
        await (await shop.Merchant.PutAsync(bank, new { bankCode = "008", accountNumber = "1234-567890123", holderName = "Siti" })).ShouldBeProblemAsync(400, "accountNumber");
        await (await shop.Merchant.PutAsync(bank, new { bankCode = "014", accountNumber = "1234567890", holderName = "<script>x</script>" })).ShouldBeProblemAsync(400, "holderName");
        await (await shop.Merchant.PutAsync(bank, new { bankCode = "014", accountNumber = "1234567890", holderName = "" })).ShouldBeProblemAsync(400, "holderName");
        await (await other.Merchant.PutAsync(bank, new { bankCode = "014", accountNumber = "1234567890", holderName = "Pencuri" })).ShouldBeProblemAsync(403);
        await (await shop.Merchant.PutAsync(bank, new { bankCode = "008", accountNumber = "1230009876543", holderName = "Ni Luh Putu Ayu" })).ShouldHaveStatusAsync(200);

        await (await other.Merchant.GetAsync($"/api/v1/shops/{shop.ShopId}/balance")).ShouldBeProblemAsync(403);
        await (await shopper.GetAsync($"/api/v1/shops/{shop.ShopId}/statement")).ShouldBeProblemAsync(403);
        await (await app.Anonymous().GetAsync($"/api/v1/shops/{shop.ShopId}/balance")).ShouldHaveStatusAsync(401);
        await (await shop.Merchant.GetAsync($"/api/v1/shops/{Guid.NewGuid()}/balance")).ShouldBeProblemAsync(404);
        await (await other.Merchant.RequestPayoutAsync(shop.ShopId, 1_000_000)).ShouldBeProblemAsync(403);
        await (await shop.Merchant.RequestPayoutAsync(shop.ShopId, 0)).ShouldBeProblemAsync(400, "amount.amount");
        await (await shop.Merchant.RequestPayoutAsync(shop.ShopId, -5)).ShouldBeProblemAsync(400, "amount.amount");
        await (await shop.Merchant.RequestPayoutAsync(shop.ShopId, LedgerApp.MinimumPayout - 1)).ShouldBeProblemAsync(422, "amount.amount");
        await (await shop.Merchant.RequestPayoutAsync(shop.ShopId, 1_900_001)).ShouldBeProblemAsync(409, "amount.amount");
        await (await shop.Merchant.PostWithKeyAsync($"/api/v1/shops/{shop.ShopId}/payouts", new { amount = new { amount = 1_000_000, currency = "IDR" } })).ShouldBeProblemAsync(400, "Idempotency-Key");
        await (await shop.Merchant.GetAsync($"/api/v1/shops/{shop.ShopId}/statement?from=2026-12-01T00:00:00Z&to=2026-01-01T00:00:00Z")).ShouldBeProblemAsync(400, "from");
        await (await shop.Merchant.GetAsync($"/api/v1/shops/{shop.ShopId}/statement?account=savings")).ShouldBeProblemAsync(400, "account");
        Assert.Equal((0L, 1_900_000L, 0L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));

        var admin = await app.AdminAsync();
        await (await admin.PostAsync($"/api/v1/ledger/payouts/{Guid.NewGuid()}/approve")).ShouldBeProblemAsync(404);
        await (await admin.PutAsync("/api/v1/ledger/commission-rates/default", new { rateBps = 10_001 })).ShouldBeProblemAsync(400, "rateBps");
        await (await admin.PutAsync("/api/v1/ledger/commission-rates/subsectors/bukan-subsektor", new { rateBps = 100 })).ShouldBeProblemAsync(404);
        await (await shop.Merchant.PutAsync("/api/v1/ledger/commission-rates/default", new { rateBps = 0 })).ShouldHaveStatusAsync(403);
        await (await admin.GetAsync("/api/v1/ledger/reports/commission?from=2026-13")).ShouldBeProblemAsync(400, "from");
        Assert.Contains((await app.Anonymous().GetJsonAsync("/api/v1/ledger/banks")).AsArray(), b => b!.S("code") == "014");
    }

    [Fact]
    public async Task A_shop_that_opted_in_gets_its_whole_available_balance_requested_once_a_week()
    {
        var shop = await ShopWithAvailableAsync(2_000_000);
        await shop.Merchant.RegisterBankAccountAsync(shop.ShopId);
        await (await shop.Merchant.PutAsync($"/api/v1/shops/{shop.ShopId}/payout-schedule", new { weekly = (bool?)null })).ShouldBeProblemAsync(400, "weekly");
        await (await shop.Merchant.PutAsync($"/api/v1/shops/{shop.ShopId}/payout-schedule", new { weekly = true })).ShouldHaveStatusAsync(200);
        await Eventually.HoldsAsync(async () => (await shop.Merchant.BalanceAsync(shop.ShopId)).InPayout == 1_900_000, TimeSpan.FromSeconds(10), "the weekly job requests it");
        var payouts = (await shop.Merchant.GetJsonAsync($"/api/v1/shops/{shop.ShopId}/payouts"))["items"]!.AsArray();
        Assert.True(Assert.Single(payouts)!["scheduled"]!.GetValue<bool>());
        Assert.Equal((0L, 0L, 1_900_000L, 0L), await shop.Merchant.BalanceAsync(shop.ShopId));
    }
}
