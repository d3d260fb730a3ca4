using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Http;
using Marketplace.Cart.Contracts;
using Marketplace.Cart.Persistence;
using Marketplace.Catalog.Contracts;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Cart.Vouchers;

/// <param name="Code">Letters, digits and dashes, 3 to 40 (stored upper-case), e.g. PAMERAN-KRIYA-10.</param>
/// <param name="Kind">percentage or fixed.</param>
/// <param name="Value">Percent (1–100) for percentage; minor units for fixed (IDR: 1000000 is Rp 10.000).</param>
/// <param name="Currency">For fixed vouchers (default IDR).</param>
/// <param name="UsageLimit">How many checkouts may use it in total (absent: unlimited).</param>
internal sealed record CreateVoucherRequest(string? Code, string? Kind, long? Value, string? Currency, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int? UsageLimit);

internal sealed class CreateVoucherRequestValidator : AbstractValidator<CreateVoucherRequest>
{
    public CreateVoucherRequestValidator()
    {
        RuleFor(r => r.Code).NotEmpty().Length(3, Voucher.MaxCodeLength).Matches("^[A-Za-z0-9\\-]+$")
            .WithMessage("A code has 3 to 40 letters, digits or dashes.");
        RuleFor(r => r.Kind).NotEmpty().Must(k => k is null || ParseKind(k) is not null).WithMessage("kind is percentage or fixed.");
        RuleFor(r => r.Value).NotNull().GreaterThan(0);
        RuleFor(r => r.Value).LessThanOrEqualTo(100).When(r => r.Kind is not null && ParseKind(r.Kind) == VoucherKind.Percentage)
            .WithMessage("A percentage is at most 100.");
        RuleFor(r => r.Value).LessThanOrEqualTo(100_000_000_000).When(r => r.Kind is not null && ParseKind(r.Kind) == VoucherKind.Fixed);
        RuleFor(r => r.Currency).Must(c => c is null || Money.SupportedCurrencies.Contains(c)).WithMessage("Unsupported currency.");
        RuleFor(r => r.ValidFrom).NotNull();
        RuleFor(r => r.ValidUntil).NotNull().GreaterThan(r => r.ValidFrom).When(r => r.ValidFrom is not null)
            .WithMessage("validUntil must be after validFrom.");
        RuleFor(r => r.UsageLimit).InclusiveBetween(1, 1_000_000);
    }

    public static VoucherKind? ParseKind(string kind) => kind.Trim().ToLowerInvariant() switch
    {
        "percentage" => VoucherKind.Percentage,
        "fixed" => VoucherKind.Fixed,
        _ => null,
    };
}

internal sealed record VoucherResponse(Guid Id, string Code, VoucherKind Kind, long Value, string Currency, Guid? ShopId, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, int? UsageLimit, int TimesUsed);

/// <summary>Admins make marketplace-wide vouchers; merchants make vouchers for their own shop.</summary>
internal static class VoucherEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/vouchers", CreateMarketplaceWide).Validate<CreateVoucherRequest>()
            .WithTags("Vouchers").WithName("Vouchers_CreateMarketplaceWide")
            .RequireAuthorization(Policies.Admin).ProducesProblem(403).ProducesProblem(409)
            .WithSummary("Create a marketplace-wide voucher (admin).")
            .WithDescription("Percentage (1–100) or fixed (minor units) off a whole checkout, split across its shops in proportion. " +
                             "Codes are unique, case-insensitive (409 when taken).");
        api.MapPost("/shops/{shopId:guid}/vouchers", CreateForShop).Validate<CreateVoucherRequest>()
            .WithTags("Vouchers").WithName("Vouchers_CreateForShop")
            .RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Create a voucher for your shop (owner).")
            .WithDescription("Applies to this shop's lines only. Codes are unique across the marketplace, case-insensitive (409 when taken).");
        api.MapGet("/shops/{shopId:guid}/vouchers", ListForShop)
            .WithTags("Vouchers").WithName("Vouchers_ListForShop")
            .RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Your shop's vouchers with their use counts (owner).")
            .WithDescription("Ordered by code, with how many checkouts used each.");
    }

    public static Task<Results<Created<VoucherResponse>, ProblemHttpResult>> CreateMarketplaceWide(
        CreateVoucherRequest request, ClaimsPrincipal user, CartDbContext db, TimeProvider clock, CancellationToken ct) =>
        CreateAsync(request, null, user, db, clock, ct);

    public static async Task<Results<Created<VoucherResponse>, ProblemHttpResult>> CreateForShop(
        Guid shopId, CreateVoucherRequest request, ClaimsPrincipal user, CartDbContext db, ICatalogReader catalog, TimeProvider clock, CancellationToken ct)
    {
        var owned = await OwnedShopAsync(shopId, user, catalog, ct);
        return owned is not null ? owned.ToProblem() : await CreateAsync(request, shopId, user, db, clock, ct);
    }

    public static async Task<Results<Ok<IReadOnlyList<VoucherResponse>>, ProblemHttpResult>> ListForShop(
        Guid shopId, ClaimsPrincipal user, CartDbContext db, ICatalogReader catalog, CancellationToken ct)
    {
        var owned = await OwnedShopAsync(shopId, user, catalog, ct);
        if (owned is not null)
        {
            return owned.ToProblem();
        }

        var vouchers = await db.Vouchers.AsNoTracking().Where(v => v.ShopId == shopId).OrderBy(v => v.Code).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<VoucherResponse>>(vouchers.Select(ToResponse).ToList());
    }

    private static async Task<Error?> OwnedShopAsync(Guid shopId, ClaimsPrincipal user, ICatalogReader catalog, CancellationToken ct)
    {
        var shop = await catalog.GetShopAsync(shopId, ct);
        if (shop is null)
        {
            return Error.NotFound("cart.shop_not_found", "No such shop.");
        }

        return shop.OwnerId == user.UserId() ? null : Error.Forbidden("cart.not_shop_owner", "Only the shop's owner manages its vouchers.");
    }

    private static async Task<Results<Created<VoucherResponse>, ProblemHttpResult>> CreateAsync(
        CreateVoucherRequest request, Guid? shopId, ClaimsPrincipal user, CartDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var voucher = new Voucher
        {
            Id = Guid.CreateVersion7(),
            Code = Voucher.Normalize(request.Code!),
            Kind = CreateVoucherRequestValidator.ParseKind(request.Kind!)!.Value,
            Value = request.Value!.Value,
            Currency = request.Currency ?? Money.DefaultCurrency,
            ShopId = shopId,
            ValidFrom = request.ValidFrom!.Value,
            ValidUntil = request.ValidUntil!.Value,
            UsageLimit = request.UsageLimit,
            CreatedBy = user.UserId()!.Value,
            CreatedAt = clock.GetUtcNow(),
        };
        if (await db.Vouchers.AnyAsync(v => v.Code == voucher.Code, ct))
        {
            return Error.Conflict("cart.voucher_code_taken", "A voucher with this code exists.", "code").ToProblem();
        }

        db.Vouchers.Add(voucher);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("cart.voucher_code_taken", "A voucher with this code exists.", "code").ToProblem();
        }

        return TypedResults.Created(shopId is null ? "/api/v1/vouchers" : $"/api/v1/shops/{shopId}/vouchers", ToResponse(voucher));
    }

    private static VoucherResponse ToResponse(Voucher v) =>
        new(v.Id, v.Code, v.Kind, v.Value, v.Currency, v.ShopId, v.ValidFrom, v.ValidUntil, v.UsageLimit, v.TimesUsed);
}
