using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Marketplace.Testing.Servers;
using Xunit.Abstractions;

namespace Marketplace.Faults.Tests;

[Collection(ProcessFaults.Name)]
public sealed class RefundCrashTestsOnSqlite(ITestOutputHelper output) : RefundCrashTests(StoreProvider.Sqlite, output);

[Collection(ProcessFaults.Name)]
public sealed class RefundCrashTestsOnPostgres(ITestOutputHelper output) : RefundCrashTests(StoreProvider.Postgres, output);

/// <summary>
/// kill -9 of the API exactly between Stripe making a refund and the ledger posting it (the Stripe double kills the
/// process before it answers). After the restart the refund is neither lost (Stripe gave the money back: the ledger must
/// say so) nor made twice: the recovery finds Stripe's refund by its id and posts it once; a retry of the request with
/// the same Idempotency-Key returns that one refund.
/// </summary>
public abstract class RefundCrashTests(StoreProvider provider, ITestOutputHelper output)
{
    [Fact]
    public async Task A_process_killed_between_the_stripe_refund_and_the_ledger_entry_posts_that_refund_once_after_the_restart()
    {
        using var stripe = new StripeDouble();
        await using var api = await Faults.StartAsync(provider, a =>
        {
            a.Settings["Payments:Stripe:SecretKey"] = StripeDouble.SecretKey;
            a.Settings["Payments:Stripe:WebhookSecret"] = StripeDouble.WebhookSecret;
            a.Settings["Payments:Stripe:ApiBase"] = stripe.Url;
            a.Settings["Ledger:JobInterval"] = "00:00:00.500";
            a.Settings["Ledger:PendingRefundGrace"] = "00:00:02";
        });
        var merchant = await api.SignUpAsync("merchant");
        var productId = (await Faults.ProductsAsync(merchant, count: 1, stock: 10))[0];
        var shopId = (await merchant.GetJsonAsync($"/api/v1/products/{productId}"))["shopId"]!.GetValue<string>();
        var shopper = await api.SignUpAsync("shopper");
        await (await shopper.PostAsync("/api/v1/cart/items", new { productId, quantity = 2 })).ShouldHaveStatusAsync(200);
        var checkout = await Faults.CheckoutAsync(shopper, "stripe");
        await checkout.ShouldHaveStatusAsync(201);
        var placed = await checkout.JsonAsync();
        var intentId = placed["payment"]!["paymentIntentId"]!.GetValue<string>();
        var (payload, signature) = StripeDouble.SignedEvent("payment_intent.succeeded", stripe.Succeeded(intentId));
        var webhook = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        webhook.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        await (await api.Anonymous().Http.SendAsync(webhook)).ShouldHaveStatusAsync(200);
        var orderId = placed["orders"]![0]!["id"]!.GetValue<string>();
        await Eventually.HoldsAsync(async () => (await merchant.GetJsonAsync($"/api/v1/shops/{shopId}/balance"))["pending"]!["amount"]!.GetValue<long>() > 0,
            TimeSpan.FromSeconds(30), "the paid order is posted to the shop's pending balance");
        var pendingBefore = (await merchant.GetJsonAsync($"/api/v1/shops/{shopId}/balance"))["pending"]!["amount"]!.GetValue<long>();

        // Stripe makes the refund, then the process dies before it hears back.
        var killed = new TaskCompletionSource();
        stripe.OnRefundCreated = _ =>
        {
            api.Kill();
            killed.TrySetResult();
            return Task.CompletedTask;
        };
        var key = Guid.NewGuid().ToString();
        var body = new { reason = "Pesanan rusak", lines = (object?)null };
        var cutOff = await Assert.ThrowsAnyAsync<Exception>(() => RefundAsync(merchant, orderId, key, body));
        stripe.OnRefundCreated = null;
        await killed.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the client can see the connection drop before Kill returns
        Assert.False(api.IsRunning, $"the API should have been killed; the refund request ended with {cutOff}");
        var made = Assert.Single(stripe.Refunds);
        Assert.Equal(placed["total"]!["amount"]!.GetValue<long>(), made["amount"]!.GetValue<long>());

        var restart = Stopwatch.StartNew();
        await api.StartAsync();
        var merchantAgain = await api.SignInAsync(merchant.Email!, "Rahasia-123-Pasar");
        await Eventually.HoldsAsync(async () =>
                (await merchantAgain.GetJsonAsync($"/api/v1/orders/{orderId}/refunds")).AsArray().SingleOrDefault()?["status"]?.GetValue<string>() == "completed",
            TimeSpan.FromSeconds(60), "the recovery completes the refund Stripe made");
        output.WriteLine($"refund posted {restart.ElapsedMilliseconds} ms after the restart began (grace 2 s, job every 0.5 s)");

        var refund = (await merchantAgain.GetJsonAsync($"/api/v1/orders/{orderId}/refunds")).AsArray().Single()!;
        Assert.Equal(made["id"]!.GetValue<string>(), refund["providerRefundId"]!.GetValue<string>());
        Assert.Single(stripe.Refunds);
        // The shop gave back its whole share (the goods less 5 % commission, and the shipping), once: nothing is left.
        Assert.Equal(4_750_000 + placed["orders"]![0]!["shipping"]!["amount"]!.GetValue<long>(), pendingBefore);
        Assert.Equal(0, (await merchantAgain.GetJsonAsync($"/api/v1/shops/{shopId}/balance"))["pending"]!["amount"]!.GetValue<long>());

        // The shop's client retries its request with the same key: the same refund, nothing new at Stripe.
        var retried = await RefundAsync(merchantAgain, orderId, key, body);
        await retried.ShouldHaveStatusAsync(201);
        Assert.Equal(refund["id"]!.GetValue<string>(), (await retried.JsonAsync())["id"]!.GetValue<string>());
        Assert.Single(stripe.Refunds);
        var reconciliation = await (await api.AdminAsync()).GetJsonAsync("/api/v1/ledger/reconciliation");
        Assert.True(reconciliation["ok"]!.GetValue<bool>(), reconciliation.ToJsonString());
    }

    private static Task<HttpResponseMessage> RefundAsync(ApiClient merchant, string orderId, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{orderId}/refunds") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return merchant.Http.SendAsync(request);
    }
}
