using System.Globalization;
using System.Security.Claims;
using CsvHelper;
using Marketplace.Catalog.Contracts;
using Marketplace.Ledger.Journal;
using Marketplace.Ledger.Persistence;
using Marketplace.SharedKernel;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Ledger.Statements;

internal sealed record BalanceResponse(Guid ShopId, Money Pending, Money Available, Money InPayout, Money PaidOut);

internal sealed record AccountBalance(string Account, Money Opening, Money Closing);

internal sealed record StatementLine(long Id, DateTimeOffset At, string Kind, string Account, Guid EntryId, Guid? OrderId, Guid? OrderLineId, Money Amount, Money BalanceAfter);

internal sealed record StatementResponse(
    Guid ShopId,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<AccountBalance> Accounts,
    IReadOnlyList<StatementLine> Items,
    int Page,
    int PageSize,
    int Total);

/// <summary>
/// A shop's balances and statement. A statement covers [from, to): for each of the shop's accounts (or the one asked
/// for) the opening balance (every line before <c>from</c>), each movement with its entry, order and line and the
/// account's balance after it (stored on the line when it was posted), and the closing balance. Read from the journal
/// lines alone, through the index on (account, time, id): the opening and closing balances are one seek each.
/// </summary>
internal static class Statement
{
    public static async Task<Results<Ok<BalanceResponse>, ProblemHttpResult>> Balance(
        Guid shopId, ClaimsPrincipal user, LedgerDbContext db, ICatalogReader catalog, CancellationToken ct)
    {
        if (await ShopAccess.CheckAsync(catalog, shopId, user, adminMay: true, ct) is { } denied)
        {
            return denied.ToProblem();
        }

        const string currency = Money.DefaultCurrency;
        var ids = Accounts.ShopKinds.Select(k => Accounts.Shop(shopId, k, currency)).ToList();
        var balances = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Balance, ct);
        Money Of(string kind) => new(balances.GetValueOrDefault(Accounts.Shop(shopId, kind, currency)), currency);
        return TypedResults.Ok(new BalanceResponse(shopId, Of(Accounts.ShopPending), Of(Accounts.ShopAvailable), Of(Accounts.ShopInPayout), Of(Accounts.ShopPaidOut)));
    }

    public static async Task<Results<Ok<StatementResponse>, ProblemHttpResult>> Json(
        Guid shopId, DateTimeOffset? from, DateTimeOffset? to, string? account, int? page, int? pageSize,
        ClaimsPrincipal user, LedgerDbContext db, ICatalogReader catalog, TimeProvider clock, CancellationToken ct)
    {
        var request = await CheckAsync(shopId, from, to, account, user, catalog, clock, ct);
        if (!request.IsSuccess)
        {
            return request.Errors.ToProblem();
        }

        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        var (ids, start, end) = request.Value;
        var inPeriod = db.Lines.AsNoTracking().Where(l => ids.Contains(l.AccountId) && l.PostedAt >= start && l.PostedAt < end);
        var opening = await BalancesAtAsync(db, ids, start, ct);
        var closing = await BalancesAtAsync(db, ids, end, ct);
        var total = await inPeriod.CountAsync(ct);
        var rows = await inPeriod.OrderBy(l => l.PostedAt).ThenBy(l => l.Id).Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        var items = rows.Select(l => new StatementLine(l.Id, l.PostedAt, l.Kind, Accounts.PublicName(Accounts.KindOf(l.AccountId)), l.EntryId, l.OrderId,
            l.OrderLineId, new Money(l.Amount, l.Currency), new Money(l.BalanceAfter, l.Currency))).ToList();

        var balances = ids.Select(id => new AccountBalance(Accounts.PublicName(Accounts.KindOf(id)),
            new Money(opening[id], Money.DefaultCurrency),
            new Money(closing[id], Money.DefaultCurrency))).ToList();
        return TypedResults.Ok(new StatementResponse(shopId, start, end, balances, items, paging.Value.Page, paging.Value.PageSize, total));
    }

    /// <summary>The same statement as CSV (every movement of the period, no paging), written as it is read.</summary>
    public static async Task<IResult> Csv(
        Guid shopId, DateTimeOffset? from, DateTimeOffset? to, string? account,
        ClaimsPrincipal user, LedgerDbContext db, ICatalogReader catalog, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var request = await CheckAsync(shopId, from, to, account, user, catalog, clock, ct);
        if (!request.IsSuccess)
        {
            return request.Errors.ToProblem();
        }

        var (ids, start, end) = request.Value;
        var opening = await BalancesAtAsync(db, ids, start, ct);
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"statement-{shopId:N}-{start:yyyyMMdd}-{end:yyyyMMdd}.csv\"";
        await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(false));
        await using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, true);
        string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
        await csv.WriteRecordAsync(["posted_at", "kind", "account", "entry_id", "order_id", "order_line_id", "amount", "currency", "balance_after"], ct);
        foreach (var id in ids)
        {
            await csv.WriteRecordAsync([start.ToString("O", CultureInfo.InvariantCulture), "opening_balance", Accounts.PublicName(Accounts.KindOf(id)),
                "", "", "", "0", Money.DefaultCurrency, Num(opening[id])], ct);
        }

        var rows = db.Lines.AsNoTracking().Where(l => ids.Contains(l.AccountId) && l.PostedAt >= start && l.PostedAt < end)
            .OrderBy(l => l.PostedAt).ThenBy(l => l.Id).AsAsyncEnumerable();
        await foreach (var l in rows.WithCancellation(ct))
        {
            await csv.WriteRecordAsync([l.PostedAt.ToString("O", CultureInfo.InvariantCulture), l.Kind, Accounts.PublicName(Accounts.KindOf(l.AccountId)),
                l.EntryId.ToString(), l.OrderId?.ToString() ?? "", l.OrderLineId?.ToString() ?? "", Num(l.Amount), l.Currency, Num(l.BalanceAfter)], ct);
        }

        await csv.FlushAsync(ct);
        await writer.FlushAsync(ct);
        return Results.Empty;
    }

    /// <summary>
    /// Each account's balance at <paramref name="at"/>: the running balance on its last line before that moment (one seek
    /// backwards on the (account, time, id) index), or zero before its first line. Independent of the account's history.
    /// </summary>
    private static async Task<Dictionary<string, long>> BalancesAtAsync(LedgerDbContext db, List<string> ids, DateTimeOffset at, CancellationToken ct)
    {
        var balances = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            balances[id] = await db.Lines.AsNoTracking().Where(l => l.AccountId == id && l.PostedAt < at)
                .OrderByDescending(l => l.PostedAt).ThenByDescending(l => l.Id).Select(l => l.BalanceAfter).FirstOrDefaultAsync(ct);
        }

        return balances;
    }

    private static async Task<Result<(List<string> Ids, DateTimeOffset From, DateTimeOffset To)>> CheckAsync(
        Guid shopId, DateTimeOffset? from, DateTimeOffset? to, string? account, ClaimsPrincipal user, ICatalogReader catalog, TimeProvider clock, CancellationToken ct)
    {
        if (await ShopAccess.CheckAsync(catalog, shopId, user, adminMay: true, ct) is { } denied)
        {
            return denied;
        }

        var now = clock.GetUtcNow();
        var end = to ?? now.AddTicks(1);
        var start = from ?? new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        if (start >= end)
        {
            return Error.Validation("from", "ledger.bad_period", "from must be before to.");
        }

        List<string> kinds;
        if (account is null)
        {
            kinds = [.. Accounts.ShopKinds];
        }
        else if (Accounts.FromPublicName(account) is { } kind)
        {
            kinds = [kind];
        }
        else
        {
            return Error.Validation("account", "ledger.unknown_account", "account is one of pending, available, in_payout, paid_out.");
        }

        return (kinds.Select(k => Accounts.Shop(shopId, k, Money.DefaultCurrency)).ToList(), start.ToUniversalTime(), end.ToUniversalTime());
    }
}
