using System.Security.Claims;
using FluentValidation;
using Marketplace.Catalog.Contracts;
using Marketplace.Ledger.Persistence;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Ledger.Commission;

/// <summary>A rate in basis points: 0 (no commission) to 10 000 (all of it); 500 is 5 %.</summary>
internal sealed record SetCommissionRateRequest(int? RateBps);

internal sealed class SetCommissionRateRequestValidator : AbstractValidator<SetCommissionRateRequest>
{
    public SetCommissionRateRequestValidator() =>
        RuleFor(r => r.RateBps).NotNull().InclusiveBetween(0, 10_000)
            .WithMessage("rateBps is basis points from 0 to 10000 (500 = 5 %).");
}

/// <summary>
/// Admin: set the default rate, a sub-sector's, or an exhibition's override. Each call appends a version effective now;
/// orders placed before keep the rate they were placed under.
/// </summary>
internal static class SetCommissionRate
{
    public static Task<Ok<CommissionRatesResponse>> Default(SetCommissionRateRequest request, ClaimsPrincipal user, LedgerDbContext db, CommissionRates rates, TimeProvider clock, CancellationToken ct) =>
        AppendAsync(RateScope.Default, "", request.RateBps, user, db, rates, clock, ct);

    public static async Task<Results<Ok<CommissionRatesResponse>, ProblemHttpResult>> Subsector(
        string code, SetCommissionRateRequest request, ClaimsPrincipal user, LedgerDbContext db, CommissionRates rates, ITaxonomy taxonomy, TimeProvider clock, CancellationToken ct)
    {
        if (await taxonomy.FindSubsectorAsync(code, ct) is null)
        {
            return Error.NotFound("ledger.unknown_subsector", $"No sub-sector '{code}' (see GET /api/v1/subsectors).").ToProblem();
        }

        return await AppendAsync(RateScope.Subsector, code, request.RateBps, user, db, rates, clock, ct);
    }

    public static Task<Ok<CommissionRatesResponse>> Exhibition(Guid exhibitionId, SetCommissionRateRequest request, ClaimsPrincipal user, LedgerDbContext db, CommissionRates rates, TimeProvider clock, CancellationToken ct) =>
        AppendAsync(RateScope.Exhibition, exhibitionId.ToString(), request.RateBps, user, db, rates, clock, ct);

    /// <summary>The exhibition's lines go back to their sub-sector rates from now on.</summary>
    public static Task<Ok<CommissionRatesResponse>> RemoveExhibition(Guid exhibitionId, ClaimsPrincipal user, LedgerDbContext db, CommissionRates rates, TimeProvider clock, CancellationToken ct) =>
        AppendAsync(RateScope.Exhibition, exhibitionId.ToString(), null, user, db, rates, clock, ct);

    public static async Task<Ok<CommissionRatesResponse>> List(CommissionRates rates, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await rates.CurrentAsync(clock.GetUtcNow(), ct));

    private static async Task<Ok<CommissionRatesResponse>> AppendAsync(
        string scope, string key, int? rateBps, ClaimsPrincipal user, LedgerDbContext db, CommissionRates rates, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        db.CommissionRates.Add(new CommissionRate { Scope = scope, Key = key, RateBps = rateBps, EffectiveFrom = now, SetBy = user.UserId() });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await rates.CurrentAsync(now, ct));
    }
}
