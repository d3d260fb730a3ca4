using Marketplace.Cart.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Commerce.Tests;

[Collection(AppCollection.Name)]
public sealed class VoucherTestsOnSqlite(CommerceApp app) : VoucherTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class VoucherTestsOnPostgres(CommerceAppOnPostgres app) : VoucherTests(app);

public abstract class VoucherTests(CommerceApp app)
{
    private static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    private static object VoucherBody(string code, string kind, long value, int? usageLimit = null, DateTimeOffset? from = null, DateTimeOffset? until = null) => new
    {
        code,
        kind,
        value,
        validFrom = from ?? DateTimeOffset.UtcNow.AddHours(-1),
        validUntil = until ?? DateTimeOffset.UtcNow.AddDays(7),
        usageLimit,
    };

    [Fact]
    public async Task A_shop_voucher_discounts_only_that_shops_order_and_counts_its_use()
    {
        var (merchantA, shopA, productA) = await app.MerchantWithProductAsync(price: 10_000_000, shipping: 1_000_000);
        var (_, _, productB) = await app.MerchantWithProductAsync(price: 5_000_000, shipping: 1_000_000);
        var code = NewCode("TOKO");
        (await merchantA.PostAsync($"/api/v1/shops/{shopA}/vouchers", VoucherBody(code.ToLowerInvariant(), "percentage", 10, usageLimit: 5))).EnsureSuccessStatusCode();

        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productA, 2);
        await shopper.AddOkAsync(productB, 1);
        var placed = await shopper.CheckoutOkAsync(Fixtures.CheckoutBody(voucherCode: code));

        var orderA = placed["orders"]!.AsArray().Single(o => o!["shop"]!.Id() == shopA)!;
        var orderB = placed["orders"]!.AsArray().Single(o => o!["shop"]!.Id() != shopA)!;
        Assert.Equal(2_000_000, orderA.Amount("discount"));
        Assert.Equal(20_000_000 + 1_000_000 - 2_000_000, orderA.Amount("total"));
        Assert.Equal(0, orderB.Amount("discount"));
        Assert.Equal(2_000_000, placed.Amount("discount"));

        await using var scope = app.Services.CreateAsyncScope();
        var info = await scope.ServiceProvider.GetRequiredService<IVoucherDirectory>().FindAsync(code, CancellationToken.None);
        Assert.NotNull(info);
        Assert.Equal(1, info.TimesUsed);
        Assert.Equal(shopA, info.ShopId);
        Assert.Equal(VoucherKind.Percentage, info.Kind);
        var listed = await merchantA.GetJsonAsync($"/api/v1/shops/{shopA}/vouchers");
        Assert.Equal(1, listed[0]!["timesUsed"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_marketplace_voucher_is_split_over_the_orders_in_proportion()
    {
        var (_, _, productA) = await app.MerchantWithProductAsync(price: 3_000_000);
        var (_, _, productB) = await app.MerchantWithProductAsync(price: 1_000_000);
        var code = NewCode("PASAR");
        var admin = await app.AdminAsync();
        (await admin.PostAsync("/api/v1/vouchers", VoucherBody(code, "fixed", 1_000_000))).EnsureSuccessStatusCode();

        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productA, 1);
        await shopper.AddOkAsync(productB, 1);
        var placed = await shopper.CheckoutOkAsync(Fixtures.CheckoutBody(voucherCode: code));

        var discounts = placed["orders"]!.AsArray().Select(o => o!.Amount("discount")).OrderBy(d => d).ToArray();
        Assert.Equal([250_000, 750_000], discounts);
        Assert.Equal(1_000_000, placed.Amount("discount"));
    }

    [Fact]
    public async Task A_cancelled_checkout_gives_its_voucher_use_back()
    {
        var (merchant, shopId, productId) = await app.MerchantWithProductAsync(stock: 10);
        var once = NewCode("BALIK");
        (await merchant.PostAsync($"/api/v1/shops/{shopId}/vouchers", VoucherBody(once, "percentage", 10, usageLimit: 1))).EnsureSuccessStatusCode();

        var first = await app.SignUpAsync("shopper");
        await first.AddOkAsync(productId, 1);
        var checkout = await first.CheckoutOkAsync(Fixtures.CheckoutBody(voucherCode: once));
        var orderId = checkout["orders"]!.AsArray().Single()!["id"]!.GetValue<string>();

        var second = await app.SignUpAsync("shopper");
        await second.AddOkAsync(productId, 1);
        await (await second.CheckoutAsync("used-up", Fixtures.CheckoutBody(voucherCode: once))).ShouldBeProblemAsync(422, "voucherCode", "checkout.voucher_used_up");

        await (await first.PostAsync($"/api/v1/orders/{orderId}/cancel", new { reason = "Batal" })).ShouldHaveStatusAsync(200);

        // The use comes back once the cancellation's event is handled (outbox, within moments).
        await Eventually.HoldsAsync(async () =>
            (await second.CheckoutAsync("after-cancel-" + Guid.NewGuid().ToString("N"), Fixtures.CheckoutBody(voucherCode: once))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(5), "the voucher use should be given back after the only order of its checkout was cancelled");
    }

    [Fact]
    public async Task Unknown_expired_foreign_and_used_up_vouchers_are_422s_naming_voucherCode_and_reserve_nothing()
    {
        var (merchant, shopId, productId) = await app.MerchantWithProductAsync(stock: 10);
        var (otherMerchant, otherShop, _) = await app.MerchantWithProductAsync();
        var expired = NewCode("LAMA");
        (await merchant.PostAsync($"/api/v1/shops/{shopId}/vouchers", VoucherBody(expired, "fixed", 1000, from: DateTimeOffset.UtcNow.AddDays(-10), until: DateTimeOffset.UtcNow.AddDays(-1)))).EnsureSuccessStatusCode();
        var foreign = NewCode("LAIN");
        (await otherMerchant.PostAsync($"/api/v1/shops/{otherShop}/vouchers", VoucherBody(foreign, "fixed", 1000))).EnsureSuccessStatusCode();
        var once = NewCode("SEKALI");
        (await merchant.PostAsync($"/api/v1/shops/{shopId}/vouchers", VoucherBody(once, "percentage", 5, usageLimit: 1))).EnsureSuccessStatusCode();

        var first = await app.SignUpAsync("shopper");
        await first.AddOkAsync(productId, 1);
        await first.CheckoutOkAsync(Fixtures.CheckoutBody(voucherCode: once));

        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productId, 2);
        await (await shopper.CheckoutAsync("v1", Fixtures.CheckoutBody(voucherCode: "TIDAK-ADA"))).ShouldBeProblemAsync(422, "voucherCode", "checkout.voucher_not_found");
        await (await shopper.CheckoutAsync("v2", Fixtures.CheckoutBody(voucherCode: expired))).ShouldBeProblemAsync(422, "voucherCode", "checkout.voucher_not_valid_now");
        await (await shopper.CheckoutAsync("v3", Fixtures.CheckoutBody(voucherCode: foreign))).ShouldBeProblemAsync(422, "voucherCode", "checkout.voucher_not_applicable");
        await (await shopper.CheckoutAsync("v4", Fixtures.CheckoutBody(voucherCode: once))).ShouldBeProblemAsync(422, "voucherCode", "checkout.voucher_used_up");
        Assert.Equal(9, await app.StockOfAsync(productId));
        Assert.Single((await shopper.GetJsonAsync("/api/v1/cart"))["shops"]!.AsArray());
    }

    [Fact]
    public async Task A_voucher_with_three_uses_is_used_exactly_three_times_by_ten_concurrent_checkouts()
    {
        var (merchant, shopId, productId) = await app.MerchantWithProductAsync(stock: 100);
        var code = NewCode("REBUTAN");
        (await merchant.PostAsync($"/api/v1/shops/{shopId}/vouchers", VoucherBody(code, "percentage", 20, usageLimit: 3))).EnsureSuccessStatusCode();
        var shoppers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.SignUpAsync("shopper")));
        foreach (var shopper in shoppers)
        {
            await shopper.AddOkAsync(productId, 1);
        }

        var responses = await Task.WhenAll(shoppers.Select(s => Task.Run(() => s.CheckoutAsync(Guid.NewGuid().ToString(), Fixtures.CheckoutBody(voucherCode: code)))));

        Assert.Equal(3, responses.Count(r => (int)r.StatusCode == 201));
        foreach (var refused in responses.Where(r => (int)r.StatusCode != 201))
        {
            await refused.ShouldBeProblemAsync(422, "voucherCode", "checkout.voucher_used_up");
        }

        Assert.Equal(97, await app.StockOfAsync(productId));
        var listed = await merchant.GetJsonAsync($"/api/v1/shops/{shopId}/vouchers");
        Assert.Equal(3, listed[0]!["timesUsed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Only_admins_make_marketplace_vouchers_and_only_owners_make_shop_vouchers_with_valid_fields()
    {
        var (merchant, shopId, _) = await app.MerchantWithProductAsync();
        var stranger = await app.SignUpAsync("merchant");
        var shopper = await app.SignUpAsync("shopper");
        await (await merchant.PostAsync("/api/v1/vouchers", VoucherBody(NewCode("X"), "fixed", 1000))).ShouldHaveStatusAsync(403);
        await (await stranger.PostAsync($"/api/v1/shops/{shopId}/vouchers", VoucherBody(NewCode("X"), "fixed", 1000))).ShouldBeProblemAsync(403);
        await (await shopper.PostAsync($"/api/v1/shops/{shopId}/vouchers", VoucherBody(NewCode("X"), "fixed", 1000))).ShouldHaveStatusAsync(403);
        await (await stranger.GetAsync($"/api/v1/shops/{shopId}/vouchers")).ShouldBeProblemAsync(403);
        await (await merchant.PostAsync($"/api/v1/shops/{Guid.NewGuid()}/vouchers", VoucherBody(NewCode("X"), "fixed", 1000))).ShouldBeProblemAsync(404);

        await (await merchant.PostAsync($"/api/v1/shops/{shopId}/vouchers", VoucherBody(NewCode("X"), "percentage", 150))).ShouldBeProblemAsync(400, "value");
        await (await merchant.PostAsync($"/api/v1/shops/{shopId}/vouchers", VoucherBody(NewCode("X"), "gratis", 10))).ShouldBeProblemAsync(400, "kind");
        await (await merchant.PostAsync($"/api/v1/shops/{shopId}/vouchers", VoucherBody("A B", "fixed", 10))).ShouldBeProblemAsync(400, "code");
        await (await merchant.PostAsync($"/api/v1/shops/{shopId}/vouchers",
            VoucherBody(NewCode("X"), "fixed", 10, from: DateTimeOffset.UtcNow, until: DateTimeOffset.UtcNow.AddDays(-1)))).ShouldBeProblemAsync(400, "validUntil");
        var code = NewCode("DUA");
        (await merchant.PostAsync($"/api/v1/shops/{shopId}/vouchers", VoucherBody(code, "fixed", 10))).EnsureSuccessStatusCode();
        await (await merchant.PostAsync($"/api/v1/shops/{shopId}/vouchers", VoucherBody(code, "fixed", 10))).ShouldBeProblemAsync(409, "code");
    }
}
