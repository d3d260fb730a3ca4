using Marketplace.Ledger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Ledger.Commission;

/// <summary>
/// The commission rates for a line (see <see cref="RatesAt"/>), each as it stood at the moment the order was placed.
/// </summary>
internal sealed class CommissionRates(LedgerDbContext db, IOptions<LedgerOptions> options)
{
    /// <summary>
    /// Every version that can apply to an order's lines, read in one query (a posting used to ask up to three per line):
    /// the default's, the sub-sectors' and the exhibitions' as they stood at <paramref name="at"/>. Read from the store
    /// each time rather than cached in memory, so a rate set on another instance applies at once.
    /// </summary>
    public async Task<RatesAt> RatesAtAsync(IReadOnlyCollection<string> subsectors, IReadOnlyCollection<Guid> exhibitionIds, DateTimeOffset at, CancellationToken ct)
    {
        var exhibitions = exhibitionIds.Select(id => id.ToString()).ToList();
        var versions = await db.CommissionRates.AsNoTracking()
            .Where(r => r.EffectiveFrom <= at && (r.Scope == RateScope.Default
                || (r.Scope == RateScope.Subsector && subsectors.Contains(r.Key))
                || (r.Scope == RateScope.Exhibition && exhibitions.Contains(r.Key))))
            .ToListAsync(ct);
        var latest = versions.GroupBy(r => (r.Scope, r.Key))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Id).First().RateBps);
        return new RatesAt(latest, options.Value.DefaultCommissionRateBps);
    }
    /// <summary>The rates in force now: the default, every sub-sector with its own rate, every exhibition with an override.</summary>
    public async Task<CommissionRatesResponse> CurrentAsync(DateTimeOffset now, CancellationToken ct)
    {
        var versions = await db.CommissionRates.AsNoTracking().Where(r => r.EffectiveFrom <= now).ToListAsync(ct);
        var current = versions.GroupBy(r => (r.Scope, r.Key))
            .Select(g => g.OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Id).First())
            .Where(r => r.RateBps is not null)
            .ToList();
        var fallback = current.FirstOrDefault(r => r.Scope == RateScope.Default)?.RateBps ?? options.Value.DefaultCommissionRateBps;
        return new CommissionRatesResponse(
            fallback,
            current.Where(r => r.Scope == RateScope.Subsector).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new ScopedRate(r.Key, r.RateBps!.Value, r.EffectiveFrom)).ToList(),
            current.Where(r => r.Scope == RateScope.Exhibition).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new ScopedRate(r.Key, r.RateBps!.Value, r.EffectiveFrom)).ToList());
    }
}

/// <summary>
/// The rate for a line: the exhibition's override if the line was sold from a booth of an exhibition that has one, else
/// its sub-sector's rate, else the admin's default, else <c>Ledger:DefaultCommissionRateBps</c>.
/// </summary>
internal sealed class RatesAt(Dictionary<(string Scope, string Key), int?> latest, int configuredDefault)
{
    public int Of(string subsector, Guid? exhibitionId) =>
        (exhibitionId is { } e ? latest.GetValueOrDefault((RateScope.Exhibition, e.ToString())) : null)
        ?? latest.GetValueOrDefault((RateScope.Subsector, subsector))
        ?? latest.GetValueOrDefault((RateScope.Default, ""))
        ?? configuredDefault;
}

/// <summary>Commission rates in basis points (500 = 5 %).</summary>
internal sealed record CommissionRatesResponse(int DefaultRateBps, IReadOnlyList<ScopedRate> Subsectors, IReadOnlyList<ScopedRate> Exhibitions);

internal sealed record ScopedRate(string Key, int RateBps, DateTimeOffset EffectiveFrom);
