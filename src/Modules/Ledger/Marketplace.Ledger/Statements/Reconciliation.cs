using Marketplace.Ledger.Persistence;
using Marketplace.Ledger.Settlement;
using Marketplace.Orders.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Ledger.Statements;

internal sealed record AccountMismatch(string Account, long Balance, long SumOfLines);

/// <summary>
/// The first line of an account whose stored balance-after is not the sum of the account's lines up to it
/// (<c>balance_after</c>), or a shop account's line dated before the line posted ahead of it (<c>out_of_order</c>).
/// </summary>
internal sealed record RunningBalanceMismatch(string Account, long LineId, string Problem, long BalanceAfter, long Expected);

internal sealed record OrderMismatch(Guid OrderId, string Problem);

internal sealed record ReconciliationResponse(
    bool Ok,
    long SumOfBalances,
    long SumOfLines,
    int UnbalancedEntries,
    IReadOnlyList<AccountMismatch> Accounts,
    IReadOnlyList<RunningBalanceMismatch> RunningBalances,
    int PaidOrdersChecked,
    IReadOnlyList<OrderMismatch> Orders);

/// <summary>
/// Admin: does the ledger hold together? All balances sum to zero; every entry's lines sum to zero; every account's
/// stored balance equals the sum of its lines, and each line's running balance equals the sum of the account's lines up
/// to it; every order the Orders module says was paid has its payment entry for
/// its exact total, and one cancelled after payment has its reversal (so its lines net to zero).
/// </summary>
internal static class Reconciliation
{
    public static async Task<Ok<ReconciliationResponse>> Handle(LedgerDbContext db, IOrderDirectory orders, CancellationToken ct) =>
        TypedResults.Ok(await RunAsync(db, orders, ct));

    public static async Task<ReconciliationResponse> RunAsync(LedgerDbContext db, IOrderDirectory orders, CancellationToken ct)
    {
        var balances = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Balance, ct);
        var (sums, running) = await RunningBalancesAsync(db, ct);
        var unbalanced = await db.Lines.AsNoTracking().GroupBy(l => l.EntryId).Where(g => g.Sum(l => l.Amount) != 0).CountAsync(ct);
        var accounts = balances.Keys.Union(sums.Keys)
            .Where(id => balances.GetValueOrDefault(id) != sums.GetValueOrDefault(id))
            .Select(id => new AccountMismatch(id, balances.GetValueOrDefault(id), sums.GetValueOrDefault(id))).ToList();

        var problems = new List<OrderMismatch>();
        var checkedOrders = 0;
        const int pageSize = 500;
        for (var skip = 0; ; skip += pageSize)
        {
            var page = await orders.ListPaidAsync(skip, pageSize, ct);
            if (page.Count == 0)
            {
                break;
            }

            checkedOrders += page.Count;
            var ids = page.Select(o => o.OrderId).ToList();
            var settled = await db.Orders.AsNoTracking().Where(o => ids.Contains(o.OrderId)).ToDictionaryAsync(o => o.OrderId, ct);
            var paidEntries = await db.Entries.AsNoTracking().Where(e => e.OrderId != null && ids.Contains(e.OrderId.Value) && e.Kind == "order_paid")
                .Select(e => e.OrderId!.Value).ToListAsync(ct);
            var net = (await db.Lines.AsNoTracking().Where(l => l.OrderId != null && ids.Contains(l.OrderId.Value))
                .GroupBy(l => new { l.OrderId, l.AccountId }).Select(g => new { g.Key.OrderId, Sum = g.Sum(l => l.Amount) })
                .ToListAsync(ct)).Where(x => x.Sum != 0).Select(x => x.OrderId!.Value).ToHashSet();
            foreach (var order in page)
            {
                if (!settled.TryGetValue(order.OrderId, out var s) || !paidEntries.Contains(order.OrderId))
                {
                    problems.Add(new OrderMismatch(order.OrderId, "paid but no payment entry"));
                }
                else if (s.Total != order.Total.Amount)
                {
                    problems.Add(new OrderMismatch(order.OrderId, $"paid {order.Total.Amount} but posted {s.Total}"));
                }
                else if (order.Status == "cancelled" && (s.Status != SettlementStatus.Cancelled || net.Contains(order.OrderId)))
                {
                    problems.Add(new OrderMismatch(order.OrderId, "cancelled but not fully reversed"));
                }
            }
        }

        var sumOfBalances = balances.Values.Sum();
        var sumOfLines = sums.Values.Sum();
        var ok = sumOfBalances == 0 && sumOfLines == 0 && unbalanced == 0 && accounts.Count == 0 && running.Count == 0 && problems.Count == 0;
        return new ReconciliationResponse(ok, sumOfBalances, sumOfLines, unbalanced, accounts, running, checkedOrders, problems);
    }

    /// <summary>
    /// Walks every account's lines in the order its balance moved (their ids: a posting takes the account's row lock
    /// before it writes lines), summing as it goes: the sum of each account's lines, and the first line of each account
    /// whose stored running balance differs from that sum or, on a shop's account, whose time is before the previous
    /// line's (statements read a shop's lines by time). Streams the lines; nothing but the sums is held.
    /// </summary>
    private static async Task<(Dictionary<string, long> Sums, List<RunningBalanceMismatch> Mismatches)> RunningBalancesAsync(LedgerDbContext db, CancellationToken ct)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        var mismatches = new List<RunningBalanceMismatch>();
        var lines = db.Lines.AsNoTracking().OrderBy(l => l.AccountId).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.AccountId, l.Amount, l.BalanceAfter, l.PostedAt }).AsAsyncEnumerable();
        string? account = null;
        long sum = 0;
        var reported = false;
        var shop = false;
        var previous = DateTimeOffset.MinValue;
        await foreach (var line in lines.WithCancellation(ct))
        {
            if (line.AccountId != account)
            {
                (account, sum, reported, previous) = (line.AccountId, 0, false, DateTimeOffset.MinValue);
                shop = Journal.Accounts.ShopKinds.Contains(Journal.Accounts.KindOf(account));
            }

            sum += line.Amount;
            sums[line.AccountId] = sum;
            if (!reported && line.BalanceAfter != sum)
            {
                mismatches.Add(new RunningBalanceMismatch(line.AccountId, line.Id, "balance_after", line.BalanceAfter, sum));
                reported = true;
            }
            else if (!reported && shop && line.PostedAt < previous)
            {
                mismatches.Add(new RunningBalanceMismatch(line.AccountId, line.Id, "out_of_order", line.BalanceAfter, sum));
                reported = true;
            }

            previous = line.PostedAt;
        }

        return (sums, mismatches);
    }
}
