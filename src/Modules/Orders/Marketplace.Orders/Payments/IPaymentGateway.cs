using Marketplace.Orders.Checkout;
using Marketplace.Orders.Domain;
using Marketplace.SharedKernel.Errors;

namespace Marketplace.Orders.Payments;

/// <summary>Starts paying an order group: manual instructions, or a card payment with a provider.</summary>
internal interface IPaymentGateway
{
    bool IsConfigured { get; }

    Task<Result<PaymentResponse>> StartAsync(OrderGroup group, CancellationToken ct);
}
