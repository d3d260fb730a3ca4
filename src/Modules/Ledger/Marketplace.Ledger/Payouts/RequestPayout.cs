using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Contracts;
using Marketplace.Ledger.Journal;
using Marketplace.Ledger.Persistence;
using Marketplace.SharedKernel;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Ledger.Payouts;

internal sealed record MoneyInput(long? Amount, string? Currency);

internal sealed record RequestPayoutRequest(MoneyInput? Amount);

internal sealed class RequestPayoutRequestValidator : AbstractValidator<RequestPayoutRequest>
{
    public RequestPayoutRequestValidator()
    {
        RuleFor(r => r.Amount).NotNull();
        RuleFor(r => r.Amount!.Amount).NotNull().GreaterThan(0).WithMessage("amount.amount is a positive number of minor units (rupiah × 100).")
            .When(r => r.Amount is not null);
        RuleFor(r => r.Amount!.Currency).Must(c => c is null || Money.SupportedCurrencies.Contains(c)).WithMessage("Unsupported currency.")
            .When(r => r.Amount is not null);
    }
}

/// <summary>A payout as its shop sees it (account number masked); admins also get the full number to transfer to.</summary>
internal sealed record PayoutResponse(
    Guid Id,
    Guid ShopId,
    Money Amount,
    string Status,
    string BankCode,
    string AccountNumberMasked,
    string? AccountNumber,
    string HolderName,
    string Provider,
    string? ProviderReference,
    string? TransferReference,
    string? FailureReason,
    bool Scheduled,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? FailedAt)
{
    public static PayoutResponse From(Payout p, bool forAdmin) => new(p.Id, p.ShopId, new Money(p.Amount, p.Currency), p.Status, p.BankCode,
        Banks.Mask(p.AccountNumber), forAdmin ? p.AccountNumber : null, p.HolderName, p.Provider, p.ProviderReference, p.TransferReference,
        p.FailureReason, p.Scheduled, p.RequestedAt, p.ApprovedAt, p.PaidAt, p.FailedAt);
}

/// <summary>
/// A payout request: at least <c>Ledger:Payouts:MinimumAmount</c>, at most the available balance — checked by the store,
/// not in memory: the amount leaves <c>available</c> by one <c>UPDATE … WHERE balance - @a &gt;= 0</c> in the same
/// transaction as the payout row, so of twenty requests racing for the whole balance exactly one is granted (on SQLite
/// and on PostgreSQL). A repeated <c>Idempotency-Key</c> returns the payout it made.
/// </summary>
internal sealed class PayoutRequests(LedgerDbContext db, Journal.Journal journal, IOptions<LedgerOptions> options, TimeProvider clock)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> Handle(
        Guid shopId, RequestPayoutRequest request, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, ClaimsPrincipal user,
        ICatalogReader catalog, PayoutRequests payouts, CancellationToken ct)
    {
        if (await ShopAccess.CheckAsync(catalog, shopId, user, adminMay: false, ct) is { } denied)
        {
            return denied.ToProblem();
        }

        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return Error.Validation(IdempotencyHeader, "ledger.idempotency_key_required",
                "Send an Idempotency-Key header (1 to 100 characters, e.g. a UUID) so a retried request cannot pay out twice.").ToProblem();
        }

        var money = new Money(request.Amount!.Amount!.Value, request.Amount.Currency ?? Money.DefaultCurrency);
        var result = await payouts.RequestAsync(shopId, money, idempotencyKey.Trim(), user.UserId(), scheduled: false, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/shops/{shopId}/payouts/{result.Value.Id}", PayoutResponse.From(result.Value, forAdmin: false))
            : result.Errors.ToProblem();
    }

    public async Task<Result<Payout>> RequestAsync(Guid shopId, Money amount, string key, Guid? requestedBy, bool scheduled, CancellationToken ct)
    {
        var previous = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.ShopId == shopId && p.IdempotencyKey == key, ct);
        if (previous is not null)
        {
            return previous.Amount == amount.Amount && previous.Currency == amount.Currency
                ? previous
                : Error.Unprocessable("ledger.idempotency_key_reused", "This Idempotency-Key was used for a different payout; use a new key.", IdempotencyHeader);
        }

        var minimum = options.Value.Payouts.MinimumAmount;
        if (amount.Amount < minimum)
        {
            return Error.Unprocessable("ledger.payout_below_minimum", $"The smallest payout is {new Money(minimum, amount.Currency)}.", "amount.amount");
        }

        var bank = await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.ShopId == shopId, ct);
        if (bank is null)
        {
            return Error.Unprocessable("ledger.bank_account_missing", "Register a bank account first (PUT /api/v1/shops/{shopId}/bank-account).", "bankAccount");
        }

        var payout = new Payout
        {
            Id = Guid.CreateVersion7(),
            ShopId = shopId,
            Amount = amount.Amount,
            Currency = amount.Currency,
            Status = PayoutStatus.Requested,
            BankCode = bank.BankCode,
            AccountNumber = bank.AccountNumber,
            HolderName = bank.HolderName,
            Provider = options.Value.Payouts.Provider,
            IdempotencyKey = key,
            Scheduled = scheduled,
            RequestedBy = requestedBy,
            RequestedAt = clock.GetUtcNow(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Payouts.Add(payout);
        var available = Accounts.Shop(shopId, Accounts.ShopAvailable, amount.Currency);
        PostOutcome outcome;
        try
        {
            outcome = await journal.PostAsync(new EntryDraft($"payout_requested:{payout.Id}", "payout_requested", amount.Currency,
                [new Posting(available, -amount.Amount), new Posting(Accounts.Shop(shopId, Accounts.ShopInPayout, amount.Currency), amount.Amount)],
                null, shopId, null, "payout requested"), ct, available);
        }
        catch (DbUpdateException)
        {
            // The same Idempotency-Key, sent twice at once: the unique index let the other one in.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Error.Conflict("ledger.payout_in_progress", "A payout with this Idempotency-Key is being made; retry to see it.");
        }

        if (outcome != PostOutcome.Posted)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Error.Conflict("ledger.insufficient_available", "The available balance is smaller than this payout.", "amount.amount");
        }

        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return payout;
    }
}
