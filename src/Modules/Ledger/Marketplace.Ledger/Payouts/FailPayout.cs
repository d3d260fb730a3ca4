using FluentValidation;

namespace Marketplace.Ledger.Payouts;

internal sealed record FailPayoutRequest(string? Reason);

internal sealed class FailPayoutRequestValidator : AbstractValidator<FailPayoutRequest>
{
    public FailPayoutRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(300).WithMessage("reason says why the transfer failed (1 to 300 characters).");
}
