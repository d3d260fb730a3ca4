using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Mapping;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Products;

/// <summary>
/// A partial update: absent (null) fields keep their value; an empty string clears an optional text. Attributes,
/// when present, replace the whole attribute set. Stock has its own route (PUT /products/{id}/stock).
/// </summary>
internal sealed record UpdateProductRequest(
    string? Name,
    string? NameEn,
    string? Description,
    string? DescriptionEn,
    string? Story,
    Money? Price,
    string? Subsector,
    string? Category,
    ProductAttributesInput? Attributes,
    string? OriginCityCode,
    IReadOnlyList<string>? ImageUrls);

internal sealed class UpdateProductRequestValidator : AbstractValidator<UpdateProductRequest>
{
    public UpdateProductRequestValidator(TaxonomySnapshot taxonomy)
    {
        RuleFor(r => r.Name).NotEmpty().When(r => r.Name is not null).PlainName();
        RuleFor(r => r.NameEn).PlainName();
        RuleFor(r => r.Description).MaximumLength(Product.MaxDescriptionLength);
        RuleFor(r => r.DescriptionEn).MaximumLength(Product.MaxDescriptionLength);
        RuleFor(r => r.Story).MaximumLength(RichText.MaxLength);
        RuleFor(r => r.Price).Price();
        RuleFor(r => r.Subsector).KnownSubsector(taxonomy);
        RuleFor(r => r.Category).Category();
        this.AttributeRules(r => r.Attributes);
        RuleFor(r => r.OriginCityCode).KnownOriginCity(taxonomy).When(r => r.OriginCityCode is { Length: > 0 });
        RuleFor(r => r.ImageUrls).ImageUrls();
    }
}

internal static class UpdateProduct
{
    public static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Handle(
        Guid id,
        UpdateProductRequest request,
        ClaimsPrincipal user,
        CatalogDbContext db,
        TaxonomySnapshot taxonomy,
        CatalogCache cache,
        TimeProvider clock,
        CancellationToken ct)
    {
        var found = await ProductAccess.FindOwnedAsync(db, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var (product, shop) = found.Value;
        if (request.Name is { } name)
        {
            product.Name = name.Trim();
        }

        if (request.NameEn is not null)
        {
            product.NameEn = EmptyToNull(request.NameEn);
        }

        if (request.Description is not null)
        {
            product.Description = RichText.Sanitize(request.Description);
        }

        if (request.DescriptionEn is not null)
        {
            product.DescriptionEn = RichText.Sanitize(request.DescriptionEn);
        }

        if (request.Story is not null)
        {
            product.Story = RichText.Sanitize(request.Story);
        }

        if (request.Price is { } price)
        {
            product.Price = price;
        }

        if (request.Subsector is { } subsector)
        {
            product.SubsectorCode = subsector;
        }

        if (request.Category is not null)
        {
            product.Category = EmptyToNull(request.Category);
        }

        if (request.Attributes is not null)
        {
            CreateProduct.ApplyAttributes(product, request.Attributes);
        }

        if (request.OriginCityCode is not null)
        {
            product.OriginCityCode = EmptyToNull(request.OriginCityCode);
        }

        if (request.ImageUrls is not null)
        {
            product.ImageUrls = request.ImageUrls.ToList();
        }

        var now = clock.GetUtcNow();
        if (product.Status == ProductStatus.Published)
        {
            db.AddIntegrationEvent(() => new ProductUpdated(product.Id, product.ShopId, product.Version) { OccurredAt = now });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ProductLifecycle.ConcurrentUpdate.ToProblem();
        }

        await cache.ProductChangedAsync(product.Id, ct);
        var names = await CatalogNames.LoadAsync(taxonomy, ct);
        return TypedResults.Ok(ProductResponse.Of(product, ShopRef.Of(shop), names));
    }

    private static string? EmptyToNull(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
