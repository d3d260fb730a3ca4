namespace Marketplace.Ledger.Payouts;

/// <summary>
/// What a disbursement provider is told: pay this amount to this bank account, once. <see cref="ExternalId"/> is stable
/// per payout, so a retried submission is recognised by the provider (Xendit's <c>external_id</c> and
/// <c>X-IDEMPOTENCY-KEY</c>, Midtrans Iris's payout reference).
/// </summary>
internal sealed record PayoutInstruction(Guid PayoutId, string ExternalId, long Amount, string Currency, string BankCode, string AccountNumber, string HolderName, string Description);

/// <summary>
/// The provider's answer: <c>pending</c> (it will call back, or an admin marks the result), <c>paid</c> or <c>failed</c>,
/// with its own reference.
/// </summary>
internal sealed record PayoutSubmission(string Status, string? ProviderReference, string? FailureReason);

/// <summary>
/// A disbursement provider, chosen by <c>Ledger:Payouts:Provider</c>. An approved payout is submitted once; the outcome
/// comes back as a <see cref="PayoutSubmission"/> now or later (a provider's callback ends in the same
/// <see cref="PayoutSettlement"/> calls an admin's mark-paid / fail makes). Xendit's disbursements (<c>POST
/// /disbursements</c>: external_id, bank_code, account_holder_name, account_number, amount; callback COMPLETED/FAILED)
/// and Midtrans Iris (<c>POST /api/v1/payouts</c> then approve) both fit this shape.
/// </summary>
internal interface IPayoutProvider
{
    string Name { get; }

    Task<PayoutSubmission> SubmitAsync(PayoutInstruction instruction, CancellationToken ct);
}

/// <summary>The embedded default: nobody is called; an admin makes the bank transfer and marks the payout paid with its reference.</summary>
internal sealed class ManualPayoutProvider : IPayoutProvider
{
    public string Name => "manual";

    public Task<PayoutSubmission> SubmitAsync(PayoutInstruction instruction, CancellationToken ct) =>
        Task.FromResult(new PayoutSubmission("pending", null, null));
}
