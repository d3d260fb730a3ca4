using Marketplace.Orders.Checkout;
using Marketplace.Orders.Domain;
using Marketplace.SharedKernel.Errors;

namespace Marketplace.Orders.Payments;

/// <summary>Starts paying an order group: manual instructions, or a card payment with a provider.</summary>
internal interface IPaymentGateway
{
    bool IsConfigured { get; }

    /// <param name="cardReturn">Card only: pay on Stripe's hosted Checkout page and come back to these addresses; null = a
    /// PaymentIntent whose client secret the app confirms with Stripe.js.</param>
    Task<Result<PaymentResponse>> StartAsync(OrderGroup group, CardReturn? cardReturn, CancellationToken ct);
}
