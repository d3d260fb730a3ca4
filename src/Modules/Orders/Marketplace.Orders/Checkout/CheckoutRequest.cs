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
internal sealed record CheckoutRequest(ShippingAddressDto? ShippingAddress, string? PaymentMethod, string? VoucherCode);

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
    }

    public static PaymentMethod? Parse(string method) => method.Trim().ToLowerInvariant() switch
    {
        "manual" => Domain.PaymentMethod.Manual,
        "stripe" => Domain.PaymentMethod.Stripe,
        _ => null,
    };
}

/// <param name="Instructions">Manual payment: how to pay.</param>
/// <param name="ClientSecret">Stripe: the PaymentIntent's client secret for Stripe.js.</param>
internal sealed record PaymentResponse(string Method, string? Instructions, string? ClientSecret, string? PaymentIntentId, DateTimeOffset PaymentDueAt);

internal sealed record CheckoutResponse(Guid OrderGroupId, IReadOnlyList<OrderResponse> Orders, Marketplace.SharedKernel.Money Discount, Marketplace.SharedKernel.Money Total, PaymentResponse Payment);
