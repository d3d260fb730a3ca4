using FluentValidation;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel;

namespace Marketplace.Catalog.Shops;

/// <summary>Validation rules shared by creating and editing a shop.</summary>
internal static class ShopRules
{
    public const string PhonePattern = @"^\+?[0-9][0-9 \-]{5,18}$";

    public static IRuleBuilderOptions<T, string?> ShopName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Shop.MaxNameLength)
            .Must(n => !RichText.LooksLikeMarkup(n)).WithMessage("The name must be plain text, without < or >.");

    public static IRuleBuilderOptions<T, string?> ShopSlug<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(s => s is null || Slug.IsValid(s))
            .WithMessage($"The slug must be 1–{Slug.MaxLength} lower-case letters, digits and single hyphens.");

    public static IRuleBuilderOptions<T, string?> KnownCity<T>(this IRuleBuilder<T, string?> rule, TaxonomySnapshot taxonomy) =>
        rule.MustAsync(async (code, ct) => code is null || (await taxonomy.GetAsync(ct)).CitiesByCode.ContainsKey(code))
            .WithMessage(code => "There is no city or regency with this code; see GET /api/v1/regions/cities.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> KnownSubsectors<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule, TaxonomySnapshot taxonomy) =>
        rule.MustAsync(async (codes, ct) =>
            {
                if (codes is null)
                {
                    return true;
                }

                var known = (await taxonomy.GetAsync(ct)).SubsectorsByCode;
                return codes.All(c => c is not null && known.ContainsKey(c));
            })
            .WithMessage("Every sub-sector must be one of GET /api/v1/subsectors (e.g. kuliner, kriya, fashion).");

    public static IRuleBuilderOptions<T, Money?> ShippingRate<T>(this IRuleBuilder<T, Money?> rule) =>
        rule.Must(m => m is null || (m.Value.Amount is >= 0 and <= 10_000_000_00 && m.Value.Currency == Money.DefaultCurrency))
            .WithMessage("The shipping flat rate must be in IDR, from 0 to Rp 10.000.000 (amount in minor units).");
}
