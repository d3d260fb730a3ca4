using FluentValidation;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Domain;

namespace Marketplace.Orders.Checkout;

/// <param name="Recipient">Who receives the parcel.</param>
/// <param name="Phone">An Indonesian or international phone number for the courier.</param>
/// <param name="Line1">Street, number, RT/RW, kelurahan, kecamatan.</param>
/// <param name="CityCode">City/regency code, e.g. 16.71 (Kota Palembang).</param>
/// <param name="PostalCode">Five digits.</param>
internal sealed record ShippingAddressDto(string? Recipient, string? Phone, string? Line1, string? CityCode, string? PostalCode);

/// <param name="PaymentMethod">manual (bank transfer / cash on delivery, confirmed by each merchant) or stripe (card).</param>
/// <param name="VoucherCode">A voucher code (optional).</param>
/// <param name="SuccessUrl">Card only, optional: pay on Stripe's hosted Checkout page instead of with Stripe.js; the shopper
/// comes back here after paying. <c>{ORDER_GROUP_ID}</c> in it is replaced by the order group's id. Absolute http(s).</param>
/// <param name="CancelUrl">With <paramref name="SuccessUrl"/>: where the shopper comes back when leaving the payment page
/// without paying (the orders stay awaiting payment until the window closes). <c>{ORDER_GROUP_ID}</c> is replaced too.</param>
internal sealed record CheckoutRequest(ShippingAddressDto? ShippingAddress, string? PaymentMethod, string? VoucherCode, string? SuccessUrl = null, string? CancelUrl = null);

internal sealed class CheckoutRequestValidator : AbstractValidator<CheckoutRequest>
{
    public CheckoutRequestValidator(ITaxonomy taxonomy)
    {
        RuleFor(r => r.ShippingAddress).NotNull();
        When(r => r.ShippingAddress is not null, () =>
        {
            RuleFor(r => r.ShippingAddress!.Recipient).NotEmpty().MaximumLength(120).OverridePropertyName("shippingAddress.recipient");
            RuleFor(r => r.ShippingAddress!.Phone).NotEmpty().Matches(@"^\+?[0-9][0-9 \-]{5,28}$")
                .WithMessage("A phone number has 6 to 30 digits, spaces or dashes, optionally starting with +.")
                .OverridePropertyName("shippingAddress.phone");
            RuleFor(r => r.ShippingAddress!.Line1).NotEmpty().MaximumLength(300).OverridePropertyName("shippingAddress.line1");
            RuleFor(r => r.ShippingAddress!.CityCode).NotEmpty()
                .MustAsync(async (code, ct) => code is null || await taxonomy.FindCityAsync(code, ct) is not null)
                .WithMessage("Unknown city code (see GET /api/v1/regions/cities).")
                .OverridePropertyName("shippingAddress.cityCode");
            RuleFor(r => r.ShippingAddress!.PostalCode).NotEmpty().Matches("^[0-9]{5}$").WithMessage("A postal code has five digits.")
                .OverridePropertyName("shippingAddress.postalCode");
        });
        RuleFor(r => r.PaymentMethod).NotEmpty()
            .Must(m => m is null || Parse(m) is not null).WithMessage("paymentMethod is manual or stripe.");
        RuleFor(r => r.VoucherCode).MaximumLength(40);
        When(r => r.SuccessUrl is not null || r.CancelUrl is not null, () =>
        {
            RuleFor(r => r.PaymentMethod).Must(m => m is not null && Parse(m) == Domain.PaymentMethod.Stripe)
                .WithMessage("successUrl and cancelUrl are for paymentMethod stripe (Stripe's hosted Checkout page).");
            RuleFor(r => r.SuccessUrl).NotEmpty().MaximumLength(2000).Must(IsWebAddress)
                .WithMessage("successUrl is an absolute http or https address, given with cancelUrl.");
            RuleFor(r => r.CancelUrl).NotEmpty().MaximumLength(2000).Must(IsWebAddress)
                .WithMessage("cancelUrl is an absolute http or https address, given with successUrl.");
        });
    }

    public const string GroupIdPlaceholder = "{ORDER_GROUP_ID}";

    private static bool IsWebAddress(string? url) =>
        url is null || (Uri.TryCreate(url.Replace(GroupIdPlaceholder, Guid.Empty.ToString(), StringComparison.Ordinal), UriKind.Absolute, out var uri)
                         && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host));

    public static PaymentMethod? Parse(string method) => method.Trim().ToLowerInvariant() switch
    {
        "manual" => Domain.PaymentMethod.Manual,
        "stripe" => Domain.PaymentMethod.Stripe,
        _ => null,
    };
}

/// <param name="Instructions">Manual payment: how to pay.</param>
/// <param name="ClientSecret">Stripe: the PaymentIntent's client secret for Stripe.js (null with a hosted Checkout page).</param>
/// <param name="PaymentIntentId">Stripe: the PaymentIntent paying the group (null with a hosted Checkout page until it is paid).</param>
/// <param name="CheckoutUrl">Stripe, when successUrl/cancelUrl were given: the hosted Checkout page to send the shopper to.</param>
internal sealed record PaymentResponse(string Method, string? Instructions, string? ClientSecret, string? PaymentIntentId, DateTimeOffset PaymentDueAt, string? CheckoutUrl = null);

/// <summary>Where Stripe's hosted Checkout page sends the shopper back (the group id already in place).</summary>
internal sealed record CardReturn(string SuccessUrl, string CancelUrl);

internal sealed record CheckoutResponse(Guid OrderGroupId, IReadOnlyList<OrderResponse> Orders, Marketplace.SharedKernel.Money Discount, Marketplace.SharedKernel.Money Total, PaymentResponse Payment);
