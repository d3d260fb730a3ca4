using System.Text.RegularExpressions;
using Marketplace.Ledger.Journal;
using Marketplace.Ledger.Persistence;
using Marketplace.SharedKernel;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Ledger.Statements;

internal sealed record CommissionRow(string Month, string Subsector, Money Commission);

internal sealed record CommissionReportResponse(string From, string To, IReadOnlyList<CommissionRow> Rows, Money Total);

/// <summary>
/// Admin: the platform's commission (net of refunds and cancellations) by sub-sector and month, from the commission
/// account's lines, which carry both; grouped in SQL on both providers through the stored <c>yyyy-MM</c> month.
/// </summary>
internal static partial class CommissionReport
{
    public static async Task<Results<Ok<CommissionReportResponse>, ProblemHttpResult>> Handle(
        string? from, string? to, LedgerDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        from ??= now.AddMonths(-11).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        to ??= now.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        if (!MonthPattern().IsMatch(from))
        {
            return Error.Validation("from", "ledger.bad_month", "from is a month, yyyy-MM.").ToProblem();
        }

        if (!MonthPattern().IsMatch(to))
        {
            return Error.Validation("to", "ledger.bad_month", "to is a month, yyyy-MM.").ToProblem();
        }

        if (string.CompareOrdinal(from, to) > 0)
        {
            return Error.Validation("from", "ledger.bad_period", "from must not be after to.").ToProblem();
        }

        var account = Accounts.Platform(Accounts.Commission, Money.DefaultCurrency);
        var rows = await db.Lines.AsNoTracking()
            .Where(l => l.AccountId == account && string.Compare(l.Month, from) >= 0 && string.Compare(l.Month, to) <= 0)
            .GroupBy(l => new { l.Month, l.Subsector })
            .Select(g => new { g.Key.Month, g.Key.Subsector, Amount = g.Sum(l => l.Amount) })
            .ToListAsync(ct);
        var result = rows.OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.Subsector, StringComparer.Ordinal)
            .Select(r => new CommissionRow(r.Month, r.Subsector ?? "unknown", Money.Idr(r.Amount))).ToList();
        return TypedResults.Ok(new CommissionReportResponse(from, to, result, Money.Idr(rows.Sum(r => r.Amount))));
    }

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();
}
