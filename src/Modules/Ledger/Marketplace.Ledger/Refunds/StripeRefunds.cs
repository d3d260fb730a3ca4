using Microsoft.Extensions.Configuration;
using Stripe;

namespace Marketplace.Ledger.Refunds;

/// <summary>
/// Refunds through Stripe (Stripe.net), configured from the same <c>Payments:Stripe</c> section the Orders module charges
/// with: one secret key, one API base (a local double in tests). Each refund has its own Stripe idempotency key, so a
/// retried call never refunds twice.
/// </summary>
internal sealed class StripeRefunds(IConfiguration configuration)
{
    private readonly Lazy<StripeClient?> _client = new(() =>
    {
        var key = configuration["Payments:Stripe:SecretKey"];
        var apiBase = configuration["Payments:Stripe:ApiBase"];
        return string.IsNullOrEmpty(key) ? null : new StripeClient(apiKey: key, apiBase: string.IsNullOrEmpty(apiBase) ? null : apiBase.TrimEnd('/'));
    });

    public bool IsConfigured => _client.Value is not null;

    public async Task<string> RefundAsync(string paymentIntentId, long amount, Guid refundId, Guid orderId, CancellationToken ct)
    {
        var service = new RefundService(_client.Value ?? throw new InvalidOperationException("Payments:Stripe:SecretKey is not set."));
        var refund = await service.CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paymentIntentId,
            Amount = amount,
            Reason = "requested_by_customer",
            Metadata = new Dictionary<string, string> { ["orderId"] = orderId.ToString(), ["refundId"] = refundId.ToString() },
        }, new RequestOptions { IdempotencyKey = "ledger-refund-" + refundId }, ct);
        return refund.Id;
    }
}
