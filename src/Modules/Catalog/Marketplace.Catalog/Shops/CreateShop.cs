using System.Security.Claims;
using AutoMapper;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Mapping;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Shops;

/// <param name="Slug">Optional; derived from the name when absent. Must be unique (409 otherwise).</param>
/// <param name="CityCode">Official city/regency code, e.g. 35.73 (Kota Malang).</param>
/// <param name="Subsectors">1 to 5 sub-sector codes, e.g. ["kuliner"].</param>
/// <param name="Story">Rich text; sanitized (scripts, styles and event handlers are removed).</param>
/// <param name="ShippingFlatRate">Flat shipping charged per order from this shop; Rp 15.000 when absent.</param>
internal sealed record CreateShopRequest(
    string? Name,
    string? Slug,
    string? CityCode,
    IReadOnlyList<string>? Subsectors,
    string? Story,
    string? ContactPhone,
    string? ContactEmail,
    Money? ShippingFlatRate);

internal sealed class CreateShopRequestValidator : AbstractValidator<CreateShopRequest>
{
    public CreateShopRequestValidator(TaxonomySnapshot taxonomy)
    {
        RuleFor(r => r.Name).ShopName();
        RuleFor(r => r.Slug).ShopSlug();
        RuleFor(r => r.CityCode).NotEmpty().KnownCity(taxonomy);
        RuleFor(r => r.Subsectors).NotEmpty()
            .Must(s => s is null || s.Count <= Shop.MaxSubsectors).WithMessage($"At most {Shop.MaxSubsectors} sub-sectors.")
            .KnownSubsectors(taxonomy);
        RuleFor(r => r.Story).MaximumLength(RichText.MaxLength);
        RuleFor(r => r.ContactPhone).Matches(ShopRules.PhonePattern).When(r => r.ContactPhone is not null)
            .WithMessage("The phone number must be digits, spaces or hyphens, optionally starting with +.");
        RuleFor(r => r.ContactEmail).EmailAddress().MaximumLength(254).When(r => r.ContactEmail is not null);
        RuleFor(r => r.ShippingFlatRate).ShippingRate();
    }
}

internal static class CreateShop
{
    public const int MaxShopsPerMerchant = 10;

    public static async Task<Results<Created<ShopResponse>, ProblemHttpResult>> Handle(
        CreateShopRequest request,
        ClaimsPrincipal user,
        CatalogDbContext db,
        TaxonomySnapshot taxonomy,
        IMapper mapper,
        TimeProvider clock,
        CancellationToken ct)
    {
        var ownerId = user.UserId()!.Value;
        if (await db.Shops.CountAsync(s => s.OwnerId == ownerId, ct) >= MaxShopsPerMerchant)
        {
            return Error.Conflict("catalog.shop.limit_reached", $"A merchant may open at most {MaxShopsPerMerchant} shops.").ToProblem();
        }

        var name = request.Name!.Trim();
        string slug;
        if (request.Slug is { } wanted)
        {
            if (await db.Shops.AnyAsync(s => s.Slug == wanted, ct))
            {
                return SlugTaken();
            }

            slug = wanted;
        }
        else
        {
            slug = await Slug.UniqueAsync(db.Shops.Select(s => s.Slug), name, "toko", ct);
        }

        var now = clock.GetUtcNow();
        var shop = new Shop(Guid.CreateVersion7(), ownerId, slug, name, request.CityCode!, request.Subsectors!, now)
        {
            Story = RichText.Sanitize(request.Story),
            ContactPhone = request.ContactPhone?.Trim(),
            ContactEmail = request.ContactEmail?.Trim(),
        };
        if (request.ShippingFlatRate is { } rate)
        {
            shop.ShippingFlatRateAmount = rate.Amount;
        }

        db.Shops.Add(shop);
        db.AddIntegrationEvent(shop.ChangedEvent(now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request took the slug between our check and our insert; the unique index decided.
            return SlugTaken();
        }

        var names = await CatalogNames.LoadAsync(taxonomy, ct);
        return TypedResults.Created($"/api/v1/shops/by-slug/{shop.Slug}", names.Map<ShopResponse>(mapper, shop));
    }

    private static ProblemHttpResult SlugTaken() =>
        Error.Conflict("catalog.shop.slug_taken", "Another shop already uses this slug.", "slug").ToProblem();
}
