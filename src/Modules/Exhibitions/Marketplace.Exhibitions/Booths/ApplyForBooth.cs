using System.Security.Claims;
using AutoMapper;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Booths;

/// <param name="ShopId">Which of your shops exhibits; may be left out when you have exactly one.</param>
/// <param name="Tier">The tier's name, e.g. Standard.</param>
/// <param name="Hall">The hall you would like (the organiser may place you elsewhere).</param>
/// <param name="Pitch">Why your shop belongs here; rich text, sanitized.</param>
/// <param name="ProductIds">Up to 20 of your shop's published products you want to show.</param>
internal sealed record ApplyForBoothRequest(Guid? ShopId, string? Tier, string? Hall, string? Pitch, IReadOnlyList<Guid>? ProductIds);

internal sealed class ApplyForBoothRequestValidator : AbstractValidator<ApplyForBoothRequest>
{
    public ApplyForBoothRequestValidator()
    {
        RuleFor(r => r.Tier).NotEmpty().MaximumLength(50);
        RuleFor(r => r.Hall).MaximumLength(80);
        RuleFor(r => r.Pitch).NotEmpty().MaximumLength(BoothApplication.MaxPitchLength);
        RuleFor(r => r.ProductIds)
            .Must(p => p is null || p.Count <= BoothApplication.MaxProducts).WithMessage($"At most {BoothApplication.MaxProducts} products.")
            .Must(p => p is null || p.Distinct().Count() == p.Count).WithMessage("A product is listed twice.");
    }
}

internal sealed record ApplicationResponse(
    Guid Id,
    Guid ExhibitionId,
    Guid ShopId,
    string ShopName,
    string ShopSlug,
    string Tier,
    string? HallPreference,
    string Pitch,
    IReadOnlyList<Guid> ProductIds,
    ApplicationStatus Status,
    string? RejectionReason,
    Guid? BoothId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt);

internal static class ApplyForBooth
{
    public static async Task<Results<Created<ApplicationResponse>, ProblemHttpResult>> Handle(
        Guid id,
        ApplyForBoothRequest request,
        ClaimsPrincipal user,
        ExhibitionsDbContext db,
        ICatalogReader catalog,
        IMapper mapper,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock,
        CancellationToken ct)
    {
        var exhibition = await db.Exhibitions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (exhibition is null || !exhibition.Published)
        {
            return ExhibitionAccess.NotFound.ToProblem();
        }

        var now = clock.GetUtcNow();
        if (exhibition.HasEnded(now))
        {
            return Error.Conflict("exhibitions.exhibition.ended", "The exhibition has ended; it takes no more applications.").ToProblem();
        }

        var tier = exhibition.Tiers.FirstOrDefault(t => string.Equals(t.Name, request.Tier!.Trim(), StringComparison.OrdinalIgnoreCase));
        if (tier is null)
        {
            return Error.Validation("tier", "exhibitions.application.unknown_tier",
                $"The exhibition has no such tier; choose one of: {string.Join(", ", exhibition.Tiers.OrderBy(t => t.Position).Select(t => t.Name))}.").ToProblem();
        }

        string? hall = null;
        if (!string.IsNullOrWhiteSpace(request.Hall))
        {
            hall = exhibition.Halls.FirstOrDefault(h => string.Equals(h.Name, request.Hall.Trim(), StringComparison.OrdinalIgnoreCase))?.Name;
            if (hall is null)
            {
                return Error.Validation("hall", "exhibitions.application.unknown_hall",
                    $"The exhibition has no such hall; choose one of: {string.Join(", ", exhibition.Halls.OrderBy(h => h.Position).Select(h => h.Name))}.").ToProblem();
            }
        }

        var shops = await catalog.GetShopsOwnedByAsync(user.UserId()!.Value, ct);
        ShopSummary shop;
        if (request.ShopId is { } shopId)
        {
            var owned = shops.FirstOrDefault(s => s.Id == shopId);
            if (owned is null)
            {
                return Error.Forbidden("exhibitions.application.not_your_shop", "You can apply only for a shop you own.").ToProblem();
            }

            shop = owned;
        }
        else if (shops.Count == 0)
        {
            return Error.Unprocessable("exhibitions.application.no_shop", "Open a shop first (POST /api/v1/shops), then apply for a booth.").ToProblem();
        }
        else if (shops.Count > 1)
        {
            return Error.Validation("shopId", "exhibitions.application.which_shop", "You own several shops; say which one exhibits.").ToProblem();
        }
        else
        {
            shop = shops[0];
        }

        if (shop.Status != ShopStatus.Active)
        {
            return Error.Unprocessable("exhibitions.application.shop_suspended", "A suspended shop cannot exhibit.", "shopId").ToProblem();
        }

        if (!exhibition.Welcomes(shop.Subsectors))
        {
            return Error.Unprocessable("exhibitions.application.subsector_not_welcome",
                $"This exhibition is for {string.Join(", ", exhibition.Subsectors)}; your shop is in {string.Join(", ", shop.Subsectors)}.", "shopId").ToProblem();
        }

        var productIds = request.ProductIds ?? [];
        var productCheck = await CheckOwnPublishedAsync(catalog, productIds, shop.Id, "productIds", ct);
        if (productCheck is not null)
        {
            return productCheck.ToProblem();
        }

        if (await db.Applications.AnyAsync(a => a.ExhibitionId == exhibition.Id && a.ShopId == shop.Id, ct))
        {
            return AlreadyApplied();
        }

        var application = new BoothApplication
        {
            Id = Guid.CreateVersion7(),
            ExhibitionId = exhibition.Id,
            ShopId = shop.Id,
            MerchantId = shop.OwnerId,
            ShopName = shop.Name,
            ShopSlug = shop.Slug,
            TierId = tier.Id,
            TierName = tier.Name,
            HallPreference = hall,
            Pitch = RichText.Sanitize(request.Pitch) ?? "",
            ProductIds = productIds.ToList(),
            Status = ApplicationStatus.Pending,
            CreatedAt = now,
        };
        if (application.Pitch.Length == 0)
        {
            return Error.Validation("pitch", "exhibitions.application.empty_pitch", "The pitch has no text left once sanitized.").ToProblem();
        }

        db.Applications.Add(application);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two applications for the same shop raced; the unique index (exhibition, shop) let one in.
            return AlreadyApplied();
        }

        return TypedResults.Created($"/api/v1/booth-applications/{application.Id}", mapper.Map<ApplicationResponse>(application));
    }

    private static ProblemHttpResult AlreadyApplied() =>
        Error.Conflict("exhibitions.application.already_applied", "This shop has already applied to this exhibition (one booth per shop).").ToProblem();

    /// <summary>Null when every product exists, belongs to <paramref name="shopId"/> and is published; else the error.</summary>
    public static async Task<Error?> CheckOwnPublishedAsync(ICatalogReader catalog, IReadOnlyCollection<Guid> productIds, Guid shopId, string field, CancellationToken ct)
    {
        if (productIds.Count == 0)
        {
            return null;
        }

        var products = (await catalog.GetProductsAsync(productIds, ct)).ToDictionary(p => p.Id);
        foreach (var productId in productIds)
        {
            if (!products.TryGetValue(productId, out var product) || product.Status == ProductStatus.Deleted)
            {
                return Error.Validation(field, "exhibitions.product.unknown", $"There is no product {productId}.");
            }

            if (product.ShopId != shopId)
            {
                return Error.Validation(field, "exhibitions.product.not_your_shop", $"Product {productId} belongs to another shop; show only your own.");
            }

            if (!product.IsSellable)
            {
                return Error.Validation(field, "exhibitions.product.not_published", $"Product {productId} is not published; publish it first.");
            }
        }

        return null;
    }
}
