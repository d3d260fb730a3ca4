using System.Security.Claims;
using AutoMapper;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Mapping;
using Marketplace.Orders.Payments;
using Marketplace.Orders.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Fulfilment;

/// <param name="Carrier">The courier, e.g. "JNE", "J&amp;T", "SiCepat", "Pos Indonesia".</param>
/// <param name="TrackingNumber">The courier's tracking (resi) number.</param>
internal sealed record ShipOrderRequest(string? Carrier, string? TrackingNumber);

internal sealed class ShipOrderRequestValidator : AbstractValidator<ShipOrderRequest>
{
    public ShipOrderRequestValidator()
    {
        RuleFor(r => r.Carrier).NotEmpty().MaximumLength(60);
        RuleFor(r => r.TrackingNumber).NotEmpty().MaximumLength(100).Matches("^[A-Za-z0-9\\-]+$")
            .WithMessage("A tracking number has letters, digits and dashes only.");
    }
}

/// <summary>The shop's owner hands the parcel to a courier: paid → shipped.</summary>
internal static class ShipOrder
{
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Handle(
        Guid id, ShipOrderRequest request, ClaimsPrincipal user, OrdersDbContext db, ICatalogReader catalog, OrderLifecycle lifecycle, IMapper mapper, CancellationToken ct)
    {
        var found = await OrderAccess.FindAsync(db, catalog, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        if (found.Value.Role != OrderRole.Merchant)
        {
            return OrderActions.OnlyMerchant.ToProblem();
        }

        if (!await lifecycle.ShipAsync(id, request.Carrier!.Trim(), request.TrackingNumber!.Trim(), new Actor(user.UserId(), "merchant"), ct))
        {
            return Order.InvalidTransition(await OrderActions.StatusAsync(db, id, ct), OrderStatus.Shipped).ToProblem();
        }

        return await OrderActions.ReloadAsync(db, mapper, id, ct);
    }
}
