using Marketplace.Orders.Checkout;
using Marketplace.Orders.Domain;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Microsoft.Extensions.Options;
using Stripe;
using PaymentMethod = Marketplace.Orders.Domain.PaymentMethod;

namespace Marketplace.Orders.Payments;

/// <summary>Configuration section <c>Payments:Stripe</c>.</summary>
internal sealed class StripeOptions
{
    /// <summary><c>Payments:Stripe:SecretKey</c>: empty = card payments off (manual payment only).</summary>
    public string SecretKey { get; set; } = "";

    /// <summary><c>Payments:Stripe:WebhookSecret</c>: the endpoint's signing secret (whsec_…).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary><c>Payments:Stripe:ApiBase</c>: empty = Stripe's own API; a local double's URL in tests.</summary>
    public string ApiBase { get; set; } = "";

    public bool IsConfigured => SecretKey.Length > 0;
}

/// <summary>The Stripe client (Stripe.net) built from configuration; one per process.</summary>
internal sealed class StripeGateway(IOptions<StripeOptions> options)
{
    private readonly Lazy<StripeClient?> _client = new(() => options.Value.IsConfigured
        ? new StripeClient(apiKey: options.Value.SecretKey, apiBase: options.Value.ApiBase.Length > 0 ? options.Value.ApiBase.TrimEnd('/') : null)
        : null);

    public bool IsConfigured => options.Value.IsConfigured;

    public StripeClient Client => _client.Value ?? throw new InvalidOperationException("Payments:Stripe:SecretKey is not set.");

    /// <summary>
    /// Our money is already in ISO-4217 minor units (IDR has two: 2500000 is Rp 25.000), which is what Stripe expects
    /// for IDR (rupiah × 100), so the amount goes over unchanged; the currency code is lower-case on Stripe's side.
    /// </summary>
    public static long ToStripeAmount(Money money) => money.Amount;

    /// <summary>One PaymentIntent per order group; Stripe's idempotency key makes a retried start reuse it.</summary>
    public async Task<PaymentIntent> CreatePaymentIntentAsync(OrderGroup group, CancellationToken ct)
    {
        var service = new PaymentIntentService(Client);
        return await service.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = ToStripeAmount(new Money(group.TotalAmount, group.Currency)),
            Currency = group.Currency.ToLowerInvariant(),
            Description = $"Marketplace order group {group.Id}",
            Metadata = new Dictionary<string, string> { ["orderGroupId"] = group.Id.ToString() },
        }, new RequestOptions { IdempotencyKey = "pi-" + group.Id }, ct);
    }

    /// <summary>
    /// Stripe's hosted Checkout page for a group, for apps that cannot run Stripe.js (our pages: no third-party script).
    /// The session's PaymentIntent carries the same <c>orderGroupId</c> metadata, so the webhook that pays the group is
    /// the same <c>payment_intent.succeeded</c>. One line, the group's total: the orders, shipping and voucher are ours.
    /// A session lives 30 minutes to 24 hours: it ends with the payment window, or after 31 minutes if that is sooner
    /// (money arriving after the window closes is refunded by the webhook).
    /// </summary>
    public async Task<Stripe.Checkout.Session> CreateCheckoutSessionAsync(OrderGroup group, CardReturn cardReturn, DateTimeOffset now, CancellationToken ct)
    {
        var metadata = new Dictionary<string, string> { ["orderGroupId"] = group.Id.ToString() };
        var expires = group.PaymentDueAt < now.AddMinutes(31) ? now.AddMinutes(31) : group.PaymentDueAt > now.AddHours(23) ? now.AddHours(23) : group.PaymentDueAt;
        var service = new Stripe.Checkout.SessionService(Client);
        return await service.CreateAsync(new Stripe.Checkout.SessionCreateOptions
        {
            Mode = "payment",
            SuccessUrl = cardReturn.SuccessUrl,
            CancelUrl = cardReturn.CancelUrl,
            ClientReferenceId = group.Id.ToString(),
            ExpiresAt = expires.UtcDateTime,
            Metadata = metadata,
            LineItems =
            [
                new Stripe.Checkout.SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new Stripe.Checkout.SessionLineItemPriceDataOptions
                    {
                        Currency = group.Currency.ToLowerInvariant(),
                        UnitAmount = ToStripeAmount(new Money(group.TotalAmount, group.Currency)),
                        ProductData = new Stripe.Checkout.SessionLineItemPriceDataProductDataOptions
                        {
                            Name = group.Orders.Count == 1 ? "Marketplace order" : $"Marketplace orders ({group.Orders.Count} shops)",
                        },
                    },
                },
            ],
            PaymentIntentData = new Stripe.Checkout.SessionPaymentIntentDataOptions
            {
                Description = $"Marketplace order group {group.Id}",
                Metadata = metadata,
            },
        }, new RequestOptions { IdempotencyKey = "cs-" + group.Id }, ct);
    }

    /// <summary>Refunds one order's part of a group's PaymentIntent (idempotent per order): <paramref name="amount"/>, what is left of it.</summary>
    public async Task<Refund> RefundAsync(string paymentIntentId, Order order, long amount, CancellationToken ct)
    {
        var service = new RefundService(Client);
        return await service.CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paymentIntentId,
            Amount = ToStripeAmount(new Money(amount, order.Currency)),
            Metadata = new Dictionary<string, string> { ["orderId"] = order.Id.ToString() },
        }, new RequestOptions { IdempotencyKey = "refund-" + order.Id }, ct);
    }
}

/// <summary>Starts paying a group: manual instructions, or a Stripe PaymentIntent whose client secret the app confirms.</summary>
internal sealed class PaymentGateway(StripeGateway stripe, TimeProvider clock) : IPaymentGateway
{
    public static readonly Error ProviderUnavailable =
        new("payments.provider_unavailable", "The card payment provider could not be reached; nothing was charged. Try again or pay manually.", ErrorKind.Unavailable);

    public bool IsConfigured => stripe.IsConfigured;

    public async Task<Result<PaymentResponse>> StartAsync(OrderGroup group, CardReturn? cardReturn, CancellationToken ct)
    {
        if (group.PaymentMethod == PaymentMethod.Stripe)
        {
            try
            {
                if (cardReturn is not null)
                {
                    var session = await stripe.CreateCheckoutSessionAsync(group, cardReturn, clock.GetUtcNow(), ct);
                    return new PaymentResponse("stripe", null, null, session.PaymentIntentId, group.PaymentDueAt, session.Url);
                }

                var intent = await stripe.CreatePaymentIntentAsync(group, ct);
                return new PaymentResponse("stripe", null, intent.ClientSecret, intent.Id, group.PaymentDueAt);
            }
            catch (StripeException)
            {
                return ProviderUnavailable;
            }
            catch (HttpRequestException)
            {
                return ProviderUnavailable;
            }
        }

        var total = new Money(group.TotalAmount, group.Currency);
        var instructions =
            $"Pay {total} before {group.PaymentDueAt:yyyy-MM-dd HH:mm} UTC: transfer each order's total to its shop's bank account " +
            $"(shown on the shop page) or arrange cash on delivery with the shop, quoting order group {group.Id}. " +
            "Each merchant confirms your payment and your order moves to paid; unpaid orders are cancelled when the window closes.";
        return new PaymentResponse("manual", instructions, null, null, group.PaymentDueAt);
    }
}
