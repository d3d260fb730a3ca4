using Marketplace.Ledger.Persistence;
using Marketplace.Ledger.Settlement;
using Marketplace.Orders.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Ledger.Statements;

internal sealed record AccountMismatch(string Account, long Balance, long SumOfLines);

internal sealed record OrderMismatch(Guid OrderId, string Problem);

internal sealed record ReconciliationResponse(
    bool Ok,
    long SumOfBalances,
    long SumOfLines,
    int UnbalancedEntries,
    IReadOnlyList<AccountMismatch> Accounts,
    int PaidOrdersChecked,
    IReadOnlyList<OrderMismatch> Orders);

/// <summary>
/// Admin: does the ledger hold together? All balances sum to zero; every entry's lines sum to zero; every account's
/// stored balance equals the sum of its lines; every order the Orders module says was paid has its payment entry for
/// its exact total, and one cancelled after payment has its reversal (so its lines net to zero).
/// </summary>
internal static class Reconciliation
{
    public static async Task<Ok<ReconciliationResponse>> Handle(LedgerDbContext db, IOrderDirectory orders, CancellationToken ct) =>
        TypedResults.Ok(await RunAsync(db, orders, ct));

    public static async Task<ReconciliationResponse> RunAsync(LedgerDbContext db, IOrderDirectory orders, CancellationToken ct)
    {
        var balances = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Balance, ct);
        var sums = await db.Lines.AsNoTracking().GroupBy(l => l.AccountId).Select(g => new { g.Key, Sum = g.Sum(l => l.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
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
        var ok = sumOfBalances == 0 && sumOfLines == 0 && unbalanced == 0 && accounts.Count == 0 && problems.Count == 0;
        return new ReconciliationResponse(ok, sumOfBalances, sumOfLines, unbalanced, accounts, checkedOrders, problems);
    }
}
