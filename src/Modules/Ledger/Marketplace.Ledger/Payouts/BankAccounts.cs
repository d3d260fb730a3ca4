using System.Security.Claims;
using System.Text.RegularExpressions;
using FluentValidation;
using Marketplace.Catalog.Contracts;
using Marketplace.Ledger.Persistence;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Ledger.Payouts;

internal sealed record BankResponse(string Code, string Name, int MinDigits, int MaxDigits);

/// <summary>A bank account as responses show it: the number masked to its last four digits.</summary>
internal sealed record BankAccountResponse(Guid ShopId, string BankCode, string BankName, string AccountNumberMasked, string HolderName, DateTimeOffset UpdatedAt)
{
    public static BankAccountResponse From(BankAccount a) =>
        new(a.ShopId, a.BankCode, Banks.Find(a.BankCode)?.Name ?? a.BankCode, Banks.Mask(a.AccountNumber), a.HolderName, a.UpdatedAt);
}

internal sealed record SetBankAccountRequest(string? BankCode, string? AccountNumber, string? HolderName);

internal sealed partial class SetBankAccountRequestValidator : AbstractValidator<SetBankAccountRequest>
{
    public SetBankAccountRequestValidator()
    {
        RuleFor(r => r.BankCode).NotEmpty().Must(c => Banks.Find(c) is not null)
            .WithMessage("bankCode is a three-digit Indonesian bank code from GET /api/v1/ledger/banks.");
        RuleFor(r => r.AccountNumber).NotEmpty().Must(n => n is not null && Digits().IsMatch(n))
            .WithMessage("accountNumber is digits only (no spaces or dashes).")
            .Must((r, n) => Banks.Find(r.BankCode) is not { } bank || n is null || (n.Length >= bank.MinDigits && n.Length <= bank.MaxDigits))
            .WithMessage(r => Banks.Find(r.BankCode) is { } bank
                ? $"An account number at {bank.Name} has {(bank.MinDigits == bank.MaxDigits ? bank.MinDigits.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{bank.MinDigits} to {bank.MaxDigits}")} digits."
                : "Wrong length for this bank.");
        RuleFor(r => r.HolderName).NotEmpty().MaximumLength(100).Must(n => n is null || Holder().IsMatch(n.Trim()))
            .WithMessage("holderName is the name on the account: letters, spaces and . , ' - only.");
    }

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\p{L}[\p{L}\p{M} .,'\-]{1,99}$")]
    private static partial Regex Holder();
}

internal static class BankAccounts
{
    public static Ok<List<BankResponse>> ListBanks() =>
        TypedResults.Ok(Banks.All.Select(b => new BankResponse(b.Code, b.Name, b.MinDigits, b.MaxDigits)).ToList());

    public static async Task<Results<Ok<BankAccountResponse>, ProblemHttpResult>> Set(
        Guid shopId, SetBankAccountRequest request, ClaimsPrincipal user, LedgerDbContext db, ICatalogReader catalog, TimeProvider clock, CancellationToken ct)
    {
        if (await ShopAccess.CheckAsync(catalog, shopId, user, adminMay: false, ct) is { } denied)
        {
            return denied.ToProblem();
        }

        var account = await db.BankAccounts.SingleOrDefaultAsync(a => a.ShopId == shopId, ct);
        if (account is null)
        {
            account = new BankAccount { ShopId = shopId };
            db.BankAccounts.Add(account);
        }

        account.BankCode = request.BankCode!;
        account.AccountNumber = request.AccountNumber!;
        account.HolderName = request.HolderName!.Trim();
        account.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(BankAccountResponse.From(account));
    }

    public static async Task<Results<Ok<BankAccountResponse>, ProblemHttpResult>> Get(
        Guid shopId, ClaimsPrincipal user, LedgerDbContext db, ICatalogReader catalog, CancellationToken ct)
    {
        if (await ShopAccess.CheckAsync(catalog, shopId, user, adminMay: true, ct) is { } denied)
        {
            return denied.ToProblem();
        }

        var account = await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.ShopId == shopId, ct);
        return account is null
            ? Error.NotFound("ledger.bank_account_missing", "This shop has not registered a bank account yet.").ToProblem()
            : TypedResults.Ok(BankAccountResponse.From(account));
    }
}
