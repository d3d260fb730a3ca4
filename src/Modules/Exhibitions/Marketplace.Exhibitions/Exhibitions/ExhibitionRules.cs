using FluentValidation;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Contracts;
using Marketplace.SharedKernel;

namespace Marketplace.Exhibitions.Exhibitions;

/// <param name="Name">e.g. Standard, Premium.</param>
/// <param name="Capacity">How many booths of this tier, 1–10000.</param>
/// <param name="Price">Optional booth fee, IDR minor units.</param>
internal sealed record TierInput(string? Name, int? Capacity, Money? Price);

/// <param name="Name">e.g. "Hall Kuliner".</param>
internal sealed record HallInput(string? Name);

/// <summary>Validation rules shared by creating and editing an exhibition, and by booths.</summary>
internal static class ExhibitionRules
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(92);

    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.MaximumLength(max).Must(t => !RichText.LooksLikeMarkup(t)).WithMessage("Plain text only, without < or >.");

    public static IRuleBuilderOptions<T, string?> HttpUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(u => u is null || u.Length == 0 || IsHttpUrl(u))
            .WithMessage("Must be an absolute http(s) URL of at most 500 characters.");

    public static bool IsHttpUrl(string? url) =>
        url is { Length: <= 500 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static IRuleBuilderOptions<T, string?> JakartaTime<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(t => t is null || Jakarta.TryParse(t, out _))
            .WithMessage("Must be an ISO 8601 time, e.g. 2026-12-01T09:00:00+07:00 (without an offset it is read as Asia/Jakarta).");

    public static IRuleBuilderOptions<T, string?> KnownCity<T>(this IRuleBuilder<T, string?> rule, ITaxonomy taxonomy) =>
        rule.MustAsync(async (code, ct) => code is null || (code.Length <= 10 && await taxonomy.FindCityAsync(code, ct) is not null))
            .WithMessage("There is no city or regency with this code; see GET /api/v1/regions/cities.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> KnownSubsectors<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule, ITaxonomy taxonomy) =>
        rule.Must(s => s is null || s.Count <= Exhibition.MaxSubsectors).WithMessage($"At most {Exhibition.MaxSubsectors} sub-sectors.")
            .MustAsync(async (codes, ct) =>
            {
                if (codes is null)
                {
                    return true;
                }

                foreach (var code in codes)
                {
                    if (code is null || code.Length > 40 || await taxonomy.FindSubsectorAsync(code, ct) is null)
                    {
                        return false;
                    }
                }

                return true;
            })
            .WithMessage("Every sub-sector must be one of GET /api/v1/subsectors (e.g. kuliner, kriya, fashion).");

    public static IRuleBuilderOptions<T, IReadOnlyList<TierInput>?> Tiers<T>(this IRuleBuilder<T, IReadOnlyList<TierInput>?> rule) =>
        rule.Must(t => t is null || t.Count <= Exhibition.MaxTiers).WithMessage($"At most {Exhibition.MaxTiers} tiers.")
            .Must(t => t is null || t.Where(x => x?.Name is not null).Select(x => x.Name!.Trim().ToLowerInvariant()).Distinct().Count() == t.Count(x => x?.Name is not null))
            .WithMessage("Tier names must be different from each other.");

    public static IRuleBuilderOptions<T, IReadOnlyList<HallInput>?> Halls<T>(this IRuleBuilder<T, IReadOnlyList<HallInput>?> rule) =>
        rule.Must(h => h is null || h.Count <= Exhibition.MaxHalls).WithMessage($"At most {Exhibition.MaxHalls} halls.")
            .Must(h => h is null || h.Where(x => x?.Name is not null).Select(x => x.Name!.Trim().ToLowerInvariant()).Distinct().Count() == h.Count(x => x?.Name is not null))
            .WithMessage("Hall names must be different from each other.");
}

internal sealed class TierInputValidator : AbstractValidator<TierInput>
{
    public TierInputValidator()
    {
        RuleFor(t => t.Name).NotEmpty().PlainText(50);
        RuleFor(t => t.Capacity).NotNull().InclusiveBetween(1, 10_000);
        RuleFor(t => t.Price).Must(p => p is null || (p.Value.Amount is >= 0 and <= 1_000_000_000_00 && p.Value.Currency == Money.DefaultCurrency))
            .WithMessage("The price must be in IDR, from 0 to Rp 1.000.000.000 (amount in minor units).");
    }
}

internal sealed class HallInputValidator : AbstractValidator<HallInput>
{
    public HallInputValidator() => RuleFor(h => h.Name).NotEmpty().PlainText(80);
}
