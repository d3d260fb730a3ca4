using FluentValidation;

namespace Marketplace.Ledger.Payouts;

internal sealed record MarkPayoutPaidRequest(string? Reference);

internal sealed class MarkPayoutPaidRequestValidator : AbstractValidator<MarkPayoutPaidRequest>
{
    public MarkPayoutPaidRequestValidator() =>
        RuleFor(r => r.Reference).NotEmpty().MaximumLength(100).WithMessage("reference is the bank transfer's reference (1 to 100 characters).");
}
