using System.Globalization;
using FluentValidation;
using Marketplace.Catalog.Contracts;
using Marketplace.Insights.Feeding;
using Marketplace.Insights.Persistence;

namespace Marketplace.Insights.Queries;

/// <summary>
/// The filters every insights call takes, from the query string.
/// </summary>
/// <param name="Province">A province code, e.g. 16 (Sumatera Selatan).</param>
/// <param name="City">A city/regency code, e.g. 16.71 (Kota Palembang); narrows within its province.</param>
/// <param name="Subsector">A sub-sector code, e.g. kuliner.</param>
/// <param name="From">First month, yyyy-MM (Asia/Jakarta); default eleven months before To.</param>
/// <param name="To">Last month, yyyy-MM; default this month.</param>
internal sealed record InsightsQuery(string? Province, string? City, string? Subsector, string? From, string? To)
{
    public const int MaxMonths = 60;

    public static bool TryMonth(string? text, out int month)
    {
        month = 0;
        if (text is not { Length: 7 } || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day.Year is < 2000 or > 2200)
        {
            return false;
        }

        month = (day.Year * 100) + day.Month;
        return true;
    }

    public static string MonthText(int month) => string.Create(CultureInfo.InvariantCulture, $"{month / 100:0000}-{month % 100:00}");

    public static int AddMonths(int month, int count)
    {
        var index = ((month / 100) * 12) + (month % 100) - 1 + count;
        return ((index / 12) * 100) + (index % 12) + 1;
    }

    /// <summary>The month range asked for, defaults filled in from the clock (the last twelve months).</summary>
    public (int From, int To) Months(DateTimeOffset now)
    {
        var to = TryMonth(To, out var t) ? t : CellWriter.MonthOf(now);
        var from = TryMonth(From, out var f) ? f : AddMonths(to, -11);
        return (from, to);
    }

    public static int Span(int from, int to) => (((to / 100) * 12) + (to % 100)) - (((from / 100) * 12) + (from % 100)) + 1;

    /// <summary>"" (the all cell) when no sub-sector is asked for.</summary>
    public string SubsectorKey => string.IsNullOrEmpty(Subsector) ? InsightsCell.AllSubsectors : Subsector;
}

internal sealed class InsightsQueryValidator : AbstractValidator<InsightsQuery>
{
    public InsightsQueryValidator(ITaxonomy taxonomy, TimeProvider clock)
    {
        RuleFor(q => q.Province).Must(p => p is null || (p.Length is >= 1 and <= 2 && p.All(char.IsAsciiDigit)))
            .WithMessage("province is a province code, e.g. 16; see GET /api/v1/regions/provinces.");
        RuleFor(q => q.City).MustAsync(async (code, ct) => code is null || (code.Length <= 10 && await taxonomy.FindCityAsync(code, ct) is not null))
            .WithMessage("There is no city or regency with this code; see GET /api/v1/regions/cities.");
        RuleFor(q => q.City).Must((q, city) => q.Province is null || city is null || CellWriter.ProvinceOf(city) == q.Province)
            .WithMessage("This city is not in the province asked for.");
        RuleFor(q => q.Subsector).MustAsync(async (code, ct) => code is null || (code.Length <= 40 && await taxonomy.FindSubsectorAsync(code, ct) is not null))
            .WithMessage("There is no such sub-sector; see GET /api/v1/subsectors.");
        RuleFor(q => q.From).Must(f => f is null || InsightsQuery.TryMonth(f, out _)).WithMessage("from is a month, yyyy-MM.");
        RuleFor(q => q.To).Must(t => t is null || InsightsQuery.TryMonth(t, out _)).WithMessage("to is a month, yyyy-MM.");
        RuleFor(q => q.To)
            .Must((q, _) =>
            {
                var (from, to) = q.Months(clock.GetUtcNow());
                return from <= to && InsightsQuery.Span(from, to) <= InsightsQuery.MaxMonths;
            })
            .WithMessage($"to must not be before from, and the period at most {InsightsQuery.MaxMonths} months.")
            .When(q => (q.From is null || InsightsQuery.TryMonth(q.From, out _)) && (q.To is null || InsightsQuery.TryMonth(q.To, out _)));
    }
}
