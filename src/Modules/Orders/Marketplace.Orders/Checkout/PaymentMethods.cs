using Marketplace.Orders.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Orders.Checkout;

/// <param name="Methods">What <c>paymentMethod</c> at checkout accepts here: <c>manual</c>, and <c>stripe</c> when card payments are configured.</param>
internal sealed record PaymentMethodsResponse(IReadOnlyList<string> Methods);

/// <summary>
/// <c>GET /checkout/payment-methods</c>: lets an app offer card only where it works (a stripe checkout on a marketplace
/// without Stripe is a 422), without knowing the server's configuration.
/// </summary>
internal static class PaymentMethods
{
    public static Ok<PaymentMethodsResponse> Handle(IPaymentGateway payments) =>
        TypedResults.Ok(new PaymentMethodsResponse(payments.IsConfigured ? ["manual", "stripe"] : ["manual"]));
}
