using FluentValidation;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel;

namespace Marketplace.Catalog.Products;

/// <summary>Validation shared by creating and editing a product.</summary>
internal static class ProductRules
{
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

    public static void AttributeRules<T>(this AbstractValidator<T> validator, Func<T, ProductAttributesDto?> attributes)
    {
        validator.RuleFor(r => attributes(r)!.HalalCertificate).MaximumLength(50).Matches("^[A-Za-z0-9./ -]*$")
            .WithMessage("The halal certificate number may contain letters, digits, dots, slashes and hyphens.")
            .OverridePropertyName("attributes.halalCertificate").When(r => attributes(r)?.HalalCertificate is not null);
        validator.RuleFor(r => attributes(r)!.PirtNumber).Matches("^[0-9]{12,15}$")
            .WithMessage("A P-IRT number has 12 to 15 digits.")
            .OverridePropertyName("attributes.pirtNumber").When(r => attributes(r)?.PirtNumber is not null);
        validator.RuleFor(r => attributes(r)!.BpomNumber).Matches("^(MD|ML|SD|SI|TR|TI|NA|NB|NC|ND|NE)\\s?[0-9]{9,15}$")
            .WithMessage("A BPOM registration looks like 'MD 123456789012'.")
            .OverridePropertyName("attributes.bpomNumber").When(r => attributes(r)?.BpomNumber is not null);
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
