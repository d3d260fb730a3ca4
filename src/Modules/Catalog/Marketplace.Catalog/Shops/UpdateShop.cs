using System.Security.Claims;
using AutoMapper;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Mapping;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Shops;

/// <summary>A partial update: absent (null) fields keep their value; an empty story or contact clears it.</summary>
internal sealed record UpdateShopRequest(
    string? Name,
    string? Slug,
    string? CityCode,
    IReadOnlyList<string>? Subsectors,
    string? Story,
    string? ContactPhone,
    string? ContactEmail,
    Money? ShippingFlatRate);

internal sealed class UpdateShopRequestValidator : AbstractValidator<UpdateShopRequest>
{
    public UpdateShopRequestValidator(TaxonomySnapshot taxonomy)
    {
        RuleFor(r => r.Name).ShopName().When(r => r.Name is not null);
        RuleFor(r => r.Slug).ShopSlug();
        RuleFor(r => r.CityCode).KnownCity(taxonomy);
        RuleFor(r => r.Subsectors)
            .Must(s => s is null || s.Count is >= 1 and <= Shop.MaxSubsectors).WithMessage($"Between 1 and {Shop.MaxSubsectors} sub-sectors.")
            .KnownSubsectors(taxonomy);
        RuleFor(r => r.Story).MaximumLength(RichText.MaxLength);
        RuleFor(r => r.ContactPhone).Matches(ShopRules.PhonePattern).When(r => !string.IsNullOrEmpty(r.ContactPhone))
            .WithMessage("The phone number must be digits, spaces or hyphens, optionally starting with +.");
        RuleFor(r => r.ContactEmail).EmailAddress().MaximumLength(254).When(r => !string.IsNullOrEmpty(r.ContactEmail));
        RuleFor(r => r.ShippingFlatRate).ShippingRate();
    }
}

internal static class UpdateShop
{
    public static async Task<Results<Ok<ShopResponse>, ProblemHttpResult>> Handle(
        Guid id,
        UpdateShopRequest request,
        ClaimsPrincipal user,
        CatalogDbContext db,
        TaxonomySnapshot taxonomy,
        IMapper mapper,
        CatalogCache cache,
        TimeProvider clock,
        CancellationToken ct)
    {
        var found = await ShopAccess.FindOwnedAsync(db, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var shop = found.Value;
        var previousSlug = shop.Slug;
        if (request.Slug is { } slug && slug != shop.Slug)
        {
            if (await db.Shops.AnyAsync(s => s.Slug == slug, ct))
            {
                return Error.Conflict("catalog.shop.slug_taken", "Another shop already uses this slug.", "slug").ToProblem();
            }

            shop.Slug = slug;
        }

        if (request.Name is { } name)
        {
            shop.Rename(name.Trim());
        }

        if (request.CityCode is { } city)
        {
            shop.CityCode = city;
        }

        if (request.Subsectors is { } subsectors)
        {
            shop.Subsectors = subsectors.Distinct(StringComparer.Ordinal).ToList();
        }

        if (request.Story is not null)
        {
            shop.Story = RichText.Sanitize(request.Story);
        }

        if (request.ContactPhone is not null)
        {
            shop.ContactPhone = request.ContactPhone.Length == 0 ? null : request.ContactPhone.Trim();
        }

        if (request.ContactEmail is not null)
        {
            shop.ContactEmail = request.ContactEmail.Length == 0 ? null : request.ContactEmail.Trim();
        }

        if (request.ShippingFlatRate is { } rate)
        {
            shop.ShippingFlatRateAmount = rate.Amount;
        }

        var now = clock.GetUtcNow();
        shop.Touch(now);
        db.AddIntegrationEvent(shop.ChangedEvent(now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("catalog.shop.concurrent_update", "The shop was changed by another request; reload and try again.").ToProblem();
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("catalog.shop.slug_taken", "Another shop already uses this slug.", "slug").ToProblem();
        }

        await cache.ShopChangedAsync(shop.Id, shop.Slug, previousSlug, ct);
        var names = await CatalogNames.LoadAsync(taxonomy, ct);
        return TypedResults.Ok(names.Map<ShopResponse>(mapper, shop));
    }
}
