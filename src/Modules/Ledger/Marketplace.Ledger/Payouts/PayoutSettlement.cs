using FluentValidation;
using Marketplace.Ledger.Contracts;
using Marketplace.Ledger.Journal;
using Marketplace.Ledger.Persistence;
using Marketplace.SharedKernel;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Ledger.Payouts;

internal sealed record MarkPayoutPaidRequest(string? Reference);

internal sealed class MarkPayoutPaidRequestValidator : AbstractValidator<MarkPayoutPaidRequest>
{
    public MarkPayoutPaidRequestValidator() =>
        RuleFor(r => r.Reference).NotEmpty().MaximumLength(100).WithMessage("reference is the bank transfer's reference (1 to 100 characters).");
}

internal sealed record FailPayoutRequest(string? Reason);

internal sealed class FailPayoutRequestValidator : AbstractValidator<FailPayoutRequest>
{
    public FailPayoutRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(300).WithMessage("reason says why the transfer failed (1 to 300 characters).");
}

/// <summary>
/// The admin's side of payouts (and where a provider's callback would land): approve → the provider is told; paid → the
/// money leaves in-payout for paid-out; failed → it returns to available. Each move is a conditional update on the
/// payout's status, committed with its journal entry, so a payout is paid or failed once.
/// </summary>
internal sealed class PayoutSettlement(LedgerDbContext db, Journal.Journal journal, IPayoutProvider provider, TimeProvider clock)
{
    private static readonly Error NotFound = Error.NotFound("ledger.payout_not_found", "No such payout.");

    public static async Task<Results<Ok<PayoutResponse>, ProblemHttpResult>> Approve(Guid id, PayoutSettlement payouts, CancellationToken ct) =>
        Respond(await payouts.ApproveAsync(id, ct));

    public static async Task<Results<Ok<PayoutResponse>, ProblemHttpResult>> MarkPaid(Guid id, MarkPayoutPaidRequest request, PayoutSettlement payouts, CancellationToken ct) =>
        Respond(await payouts.MarkPaidAsync(id, request.Reference!.Trim(), ct));

    public static async Task<Results<Ok<PayoutResponse>, ProblemHttpResult>> Fail(Guid id, FailPayoutRequest request, PayoutSettlement payouts, CancellationToken ct) =>
        Respond(await payouts.FailAsync(id, request.Reason!.Trim(), ct));

    private static Results<Ok<PayoutResponse>, ProblemHttpResult> Respond(Result<Payout> result) =>
        result.IsSuccess ? TypedResults.Ok(PayoutResponse.From(result.Value, forAdmin: true)) : result.Errors.ToProblem();

    public async Task<Result<Payout>> ApproveAsync(Guid id, CancellationToken ct)
    {
        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (payout is null)
        {
            return NotFound;
        }

        var now = clock.GetUtcNow();
        var moved = await db.Payouts.Where(p => p.Id == id && p.Status == PayoutStatus.Requested)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PayoutStatus.Approved).SetProperty(p => p.ApprovedAt, now), ct);
        if (moved == 0)
        {
            return payout.Status == PayoutStatus.Approved ? payout : Error.Conflict("ledger.payout_not_requested", $"This payout is {payout.Status}; only a requested payout can be approved.");
        }

        var submitted = await provider.SubmitAsync(new PayoutInstruction(payout.Id, "payout-" + payout.Id, payout.Amount, payout.Currency, payout.BankCode,
            payout.AccountNumber, payout.HolderName, $"Marketplace payout {payout.Id}"), ct);
        if (submitted.ProviderReference is { } reference)
        {
            await db.Payouts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ProviderReference, reference), ct);
        }

        return submitted.Status switch
        {
            "paid" => await MarkPaidAsync(id, submitted.ProviderReference ?? payout.Id.ToString(), ct),
            "failed" => await FailAsync(id, submitted.FailureReason ?? "the provider refused the transfer", ct),
            _ => await db.Payouts.AsNoTracking().SingleAsync(p => p.Id == id, ct),
        };
    }

    public Task<Result<Payout>> MarkPaidAsync(Guid id, string reference, CancellationToken ct) =>
        SettleAsync(id, [PayoutStatus.Approved], PayoutStatus.Paid, "payout_paid", Accounts.ShopPaidOut, reference, null, ct);

    public Task<Result<Payout>> FailAsync(Guid id, string reason, CancellationToken ct) =>
        SettleAsync(id, [PayoutStatus.Requested, PayoutStatus.Approved], PayoutStatus.Failed, "payout_failed", Accounts.ShopAvailable, null, reason, ct);

    private async Task<Result<Payout>> SettleAsync(Guid id, string[] from, string to, string kind, string destination, string? reference, string? reason, CancellationToken ct)
    {
        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (payout is null)
        {
            return NotFound;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moved = to == PayoutStatus.Paid
            ? await db.Payouts.Where(p => p.Id == id && from.Contains(p.Status))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, to).SetProperty(p => p.PaidAt, now).SetProperty(p => p.TransferReference, reference), ct)
            : await db.Payouts.Where(p => p.Id == id && from.Contains(p.Status))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, to).SetProperty(p => p.FailedAt, now).SetProperty(p => p.FailureReason, reason), ct);
        if (moved == 0)
        {
            return payout.Status == to
                ? payout
                : Error.Conflict("ledger.payout_wrong_status", $"This payout is {payout.Status}; it cannot become {to}" +
                    (to == PayoutStatus.Paid && payout.Status == PayoutStatus.Requested ? " before it is approved." : "."));
        }

        await journal.PostAsync(new EntryDraft($"{kind}:{id}", kind, payout.Currency,
            [new Posting(Accounts.Shop(payout.ShopId, Accounts.ShopInPayout, payout.Currency), -payout.Amount), new Posting(Accounts.Shop(payout.ShopId, destination, payout.Currency), payout.Amount)],
            null, payout.ShopId, null, reference ?? reason), ct);
        if (to == PayoutStatus.Paid)
        {
            db.AddIntegrationEvent(new PayoutPaid(id, payout.ShopId, new Money(payout.Amount, payout.Currency), reference!, now) { OccurredAt = now });
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return await db.Payouts.AsNoTracking().SingleAsync(p => p.Id == id, ct);
    }
}
