using FluentValidation;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel;

namespace Marketplace.Catalog.Products;

/// <summary>Validation shared by creating and editing a product.</summary>
internal static class ProductRules
{
    /// <summary>Longer than any printed form with its label ("BPOM RI MD 2245.1010.1234"), short of abuse.</summary>
    public const int MaxLicenceLength = 60;

    public static IRuleBuilderOptions<T, string?> PlainName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Product.MaxNameLength)
            .Must(n => !RichText.LooksLikeMarkup(n)).WithMessage("The name must be plain text, without < or >.");

    public static IRuleBuilderOptions<T, Money?> Price<T>(this IRuleBuilder<T, Money?> rule) =>
        rule.Must(m => m is null || m.Value.Currency == Money.DefaultCurrency)
            .WithMessage("Prices are in IDR for now (currency \"IDR\").")
            .Must(m => m is null || m.Value.Amount is > 0 and <= Product.MaxPriceMinorUnits)
            .WithMessage("The price amount is in minor units (Rp 25.000 = 2500000) and must be above 0 and at most Rp 1.000.000.000.");

    public static IRuleBuilderOptions<T, string?> KnownSubsector<T>(this IRuleBuilder<T, string?> rule, TaxonomySnapshot taxonomy) =>
        rule.MustAsync(async (code, ct) => code is null || (await taxonomy.GetAsync(ct)).SubsectorsByCode.ContainsKey(code))
            .WithMessage("The sub-sector must be one of GET /api/v1/subsectors (e.g. kuliner, kriya, fashion).");

    public static void AttributeRules<T>(this AbstractValidator<T> validator, Func<T, ProductAttributesInput?> attributes)
    {
        // Licence numbers are taken as printed on labels; an empty one clears it (see ProductLicences).
        validator.RuleFor(r => attributes(r)!.HalalCertificate).MaximumLength(MaxLicenceLength)
            .Must(n => ProductLicences.TryNormalizeHalal(n, out _))
            .WithMessage("A halal certificate number is ID and digits, e.g. ID35110000123450521 (spaces and dashes are fine).")
            .OverridePropertyName("attributes.halalCertificate").When(r => !string.IsNullOrWhiteSpace(attributes(r)?.HalalCertificate));
        validator.RuleFor(r => attributes(r)!.PirtNumber).MaximumLength(MaxLicenceLength)
            .Must(n => ProductLicences.TryNormalizePirt(n, out _))
            .WithMessage("A P-IRT number has 15 digits, e.g. P-IRT No. 2063573010123-25 or 206357301012325.")
            .OverridePropertyName("attributes.pirtNumber").When(r => !string.IsNullOrWhiteSpace(attributes(r)?.PirtNumber));
        validator.RuleFor(r => attributes(r)!.BpomNumber).MaximumLength(MaxLicenceLength)
            .Must(n => ProductLicences.TryNormalizeBpom(n, out _))
            .WithMessage("A BPOM registration is a category and 9 to 15 digits, e.g. MD 224510101234 or BPOM RI ML 123456789012.")
            .OverridePropertyName("attributes.bpomNumber").When(r => !string.IsNullOrWhiteSpace(attributes(r)?.BpomNumber));
        validator.RuleFor(r => attributes(r)!.ShelfLifeDays).InclusiveBetween(1, 3650)
            .OverridePropertyName("attributes.shelfLifeDays").When(r => attributes(r)?.ShelfLifeDays is not null);
        validator.RuleFor(r => attributes(r)!.Materials)
            .Must(m => m is null || (m.Count <= Product.MaxMaterials && m.All(x => !string.IsNullOrWhiteSpace(x) && x.Length <= 50 && !RichText.LooksLikeMarkup(x))))
            .WithMessage($"At most {Product.MaxMaterials} materials, each plain text of 1–50 characters.")
            .OverridePropertyName("attributes.materials").When(r => attributes(r) is not null);
    }

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ImageUrls<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(urls => urls is null || (urls.Count <= Product.MaxImages && urls.All(IsHttpUrl)))
            .WithMessage($"At most {Product.MaxImages} image URLs, each an absolute http(s) URL of at most 500 characters.");

    public static IRuleBuilderOptions<T, string?> Category<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(60).Must(c => !RichText.LooksLikeMarkup(c)).WithMessage("The category must be plain text.");

    public static IRuleBuilderOptions<T, string?> KnownOriginCity<T>(this IRuleBuilder<T, string?> rule, TaxonomySnapshot taxonomy) =>
        rule.KnownCity(taxonomy);

    private static bool IsHttpUrl(string? url) =>
        url is { Length: <= 500 }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
