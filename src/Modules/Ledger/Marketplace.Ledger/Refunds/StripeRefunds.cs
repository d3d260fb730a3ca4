using Microsoft.Extensions.Configuration;
using Stripe;

namespace Marketplace.Ledger.Refunds;

/// <summary>
/// Refunds through Stripe (Stripe.net), configured from the same <c>Payments:Stripe</c> section the Orders module charges
/// with: one secret key, one API base (a local double in tests). Each refund has its own Stripe idempotency key, so a
/// retried call never refunds twice, and carries its id in the metadata, so it can be found again (<see cref="FindAsync"/>).
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

    /// <summary>
    /// The Stripe refund made for <paramref name="refundId"/> (by its metadata), if any: how a refund whose answer was lost
    /// is found again, also after Stripe has forgotten the idempotency key (24 hours).
    /// </summary>
    public async Task<string?> FindAsync(string paymentIntentId, Guid refundId, CancellationToken ct)
    {
        var service = new RefundService(_client.Value ?? throw new InvalidOperationException("Payments:Stripe:SecretKey is not set."));
        var wanted = refundId.ToString();
        await foreach (var refund in service.ListAutoPagingAsync(new RefundListOptions { PaymentIntent = paymentIntentId, Limit = 100 }, cancellationToken: ct))
        {
            if (refund.Metadata is { } metadata && metadata.TryGetValue("refundId", out var id) && id == wanted && refund.Status != "failed" && refund.Status != "canceled")
            {
                return refund.Id;
            }
        }

        return null;
    }
}
