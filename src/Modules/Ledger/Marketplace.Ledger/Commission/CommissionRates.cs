using Marketplace.Ledger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Ledger.Commission;

/// <summary>
/// The rate for a line: the exhibition's override if the line was sold from a booth of an exhibition that has one,
/// else its sub-sector's rate, else the admin's default, else <c>Ledger:DefaultCommissionRateBps</c> — each as it stood at
/// <paramref name="at"/> (the moment the order was placed).
/// </summary>
internal sealed class CommissionRates(LedgerDbContext db, IOptions<LedgerOptions> options)
{
    public async Task<int> RateAtAsync(string subsector, Guid? exhibitionId, DateTimeOffset at, CancellationToken ct)
    {
        if (exhibitionId is { } exhibition && await VersionAtAsync(RateScope.Exhibition, exhibition.ToString(), at, ct) is { RateBps: { } exhibitionRate })
        {
            return exhibitionRate;
        }

        if (await VersionAtAsync(RateScope.Subsector, subsector, at, ct) is { RateBps: { } subsectorRate })
        {
            return subsectorRate;
        }

        return await VersionAtAsync(RateScope.Default, "", at, ct) is { RateBps: { } admin } ? admin : options.Value.DefaultCommissionRateBps;
    }

    private Task<CommissionRate?> VersionAtAsync(string scope, string key, DateTimeOffset at, CancellationToken ct) =>
        db.CommissionRates.AsNoTracking()
            .Where(r => r.Scope == scope && r.Key == key && r.EffectiveFrom <= at)
            .OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);

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

/// <summary>Commission rates in basis points (500 = 5 %).</summary>
internal sealed record CommissionRatesResponse(int DefaultRateBps, IReadOnlyList<ScopedRate> Subsectors, IReadOnlyList<ScopedRate> Exhibitions);

internal sealed record ScopedRate(string Key, int RateBps, DateTimeOffset EffectiveFrom);
