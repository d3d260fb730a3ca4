using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Mapping;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Catalog.Products;

/// <summary>A product's attributes as the merchant types them; licence numbers in any printed form.</summary>
/// <param name="HalalCertificate">e.g. ID35110000123450521 (any case, spaces or dashes).</param>
/// <param name="PirtNumber">e.g. "P-IRT No. 2063573010123-25", "2063573010123-25" or 206357301012325.</param>
/// <param name="BpomNumber">e.g. "MD 224510101234" or "BPOM RI ML 123456789012".</param>
internal sealed record ProductAttributesInput(
    string? HalalCertificate,
    string? PirtNumber,
    string? BpomNumber,
    int? ShelfLifeDays,
    IReadOnlyList<string>? Materials,
    bool? Handmade);

/// <param name="Name">Indonesian name, e.g. "Pempek Kapal Selam".</param>
/// <param name="NameEn">Optional English name for shoppers abroad.</param>
/// <param name="Description">Rich text (sanitized).</param>
/// <param name="Story">Who makes it, how, where — rich text (sanitized).</param>
/// <param name="Price">Minor units: {"amount": 2500000, "currency": "IDR"} is Rp 25.000.</param>
/// <param name="Subsector">Sub-sector code, e.g. kuliner.</param>
/// <param name="Stock">Units available, 0 to 1,000,000.</param>
/// <param name="OriginCityCode">Where it is made, e.g. 16.71 (Kota Palembang).</param>
internal sealed record CreateProductRequest(
    string? Name,
    string? NameEn,
    string? Description,
    string? DescriptionEn,
    string? Story,
    Money? Price,
    string? Subsector,
    string? Category,
    int? Stock,
    ProductAttributesInput? Attributes,
    string? OriginCityCode,
    IReadOnlyList<string>? ImageUrls);

internal sealed class CreateProductRequestValidator : AbstractValidator<CreateProductRequest>
{
    public CreateProductRequestValidator(TaxonomySnapshot taxonomy)
    {
        RuleFor(r => r.Name).NotEmpty().PlainName();
        RuleFor(r => r.NameEn).PlainName();
        RuleFor(r => r.Description).MaximumLength(Product.MaxDescriptionLength);
        RuleFor(r => r.DescriptionEn).MaximumLength(Product.MaxDescriptionLength);
        RuleFor(r => r.Story).MaximumLength(RichText.MaxLength);
        RuleFor(r => r.Price).NotNull().Price();
        RuleFor(r => r.Subsector).NotEmpty().KnownSubsector(taxonomy);
        RuleFor(r => r.Category).Category();
        RuleFor(r => r.Stock).NotNull().InclusiveBetween(0, Product.MaxStock);
        this.AttributeRules(r => r.Attributes);
        RuleFor(r => r.OriginCityCode).KnownOriginCity(taxonomy);
        RuleFor(r => r.ImageUrls).ImageUrls();
    }
}

internal static class CreateProduct
{
    public static async Task<Results<Created<ProductResponse>, ProblemHttpResult>> Handle(
        Guid shopId,
        CreateProductRequest request,
        ClaimsPrincipal user,
        CatalogDbContext db,
        TaxonomySnapshot taxonomy,
        TimeProvider clock,
        CancellationToken ct)
    {
        var found = await ShopAccess.FindOwnedAsync(db, shopId, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var shop = found.Value;
        var product = new Product(Guid.CreateVersion7(), shop.Id, clock.GetUtcNow())
        {
            Name = request.Name!.Trim(),
            NameEn = request.NameEn?.Trim(),
            Description = RichText.Sanitize(request.Description),
            DescriptionEn = RichText.Sanitize(request.DescriptionEn),
            Story = RichText.Sanitize(request.Story),
            Price = request.Price!.Value,
            SubsectorCode = request.Subsector!,
            Category = request.Category?.Trim(),
            Stock = request.Stock!.Value,
            OriginCityCode = request.OriginCityCode,
            ImageUrls = request.ImageUrls?.ToList() ?? [],
        };
        ApplyAttributes(product, request.Attributes);
        db.Products.Add(product);

        // A draft is invisible to shoppers and to search, so it raises no integration event yet.
        await db.SaveChangesAsync(ct);
        var names = await CatalogNames.LoadAsync(taxonomy, ct);
        return TypedResults.Created($"/api/v1/products/{product.Id}", ProductResponse.Of(product, ShopRef.Of(shop), names));
    }

    public static void ApplyAttributes(Product product, ProductAttributesInput? attributes)
    {
        if (attributes is null)
        {
            return;
        }

        // Validated already; stored normalized so equal numbers compare equal whichever way they were typed.
        product.HalalCertificate = ProductLicences.TryNormalizeHalal(attributes.HalalCertificate, out var halal) ? halal : null;
        product.PirtNumber = ProductLicences.TryNormalizePirt(attributes.PirtNumber, out var pirt) ? pirt : null;
        product.BpomNumber = ProductLicences.TryNormalizeBpom(attributes.BpomNumber, out var bpom) ? bpom : null;
        product.ShelfLifeDays = attributes.ShelfLifeDays;
        product.Materials = attributes.Materials?.Select(m => m.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
        product.Handmade = attributes.Handmade;
    }
}
