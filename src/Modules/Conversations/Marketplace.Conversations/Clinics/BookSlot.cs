using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Conversations.Persistence;
using Marketplace.Exhibitions.Contracts;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Clinics;

/// <param name="ShopId">The booking shop: yours, exhibiting (an open booth) at the clinic's exhibition.</param>
internal sealed record BookSlotRequest(Guid? ShopId);

internal sealed class BookSlotRequestValidator : AbstractValidator<BookSlotRequest>
{
    public BookSlotRequestValidator() => RuleFor(r => r.ShopId).NotEmpty();
}

/// <summary>
/// An exhibiting MSME books a slot. The store decides races: the slot is taken by a conditional update (only while no
/// shop holds it), so of two shops booking at once exactly one gets it; the unique (clinic, shop) index refuses a second
/// slot of the same clinic for one shop.
/// </summary>
internal static class BookSlot
{
    public static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Handle(
        Guid id, BookSlotRequest request, ClaimsPrincipal user, ConversationsDbContext db, ICatalogReader catalog, IExhibitorDirectory directory,
        TimeProvider clock, CancellationToken ct)
    {
        var slot = await db.ClinicSlots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (slot is null)
        {
            return SlotNotFound.ToProblem();
        }

        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == slot.ClinicId, ct);
        var shopId = request.ShopId!.Value;
        var shop = await catalog.GetShopAsync(shopId, ct);
        var userId = user.UserId()!.Value;
        if (shop is null || shop.OwnerId != userId)
        {
            return Error.Forbidden("conversations.clinic.not_your_shop", "Book for a shop you own.").ToProblem();
        }

        var exhibiting = await directory.GetExhibitionsOfShopAsync(shopId, ct);
        if (exhibiting.All(e => e.ExhibitionId != clinic.ExhibitionId))
        {
            return Error.Conflict("conversations.clinic.not_exhibiting", "Clinics are for the shops exhibiting at this exhibition.", "shopId").ToProblem();
        }

        var now = clock.GetUtcNow();
        if (slot.StartsAt <= now)
        {
            return Error.Conflict("conversations.clinic.slot_started", "This slot has started or passed.").ToProblem();
        }

        if (await db.ClinicSlots.AnyAsync(s => s.ClinicId == clinic.Id && s.BookedShopId == shopId, ct))
        {
            return AlreadyBooked.ToProblem();
        }

        int taken;
        try
        {
            taken = await db.ClinicSlots
                .Where(s => s.Id == id && s.BookedShopId == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.BookedShopId, shopId)
                    .SetProperty(x => x.BookedByUserId, userId)
                    .SetProperty(x => x.BookedAt, now)
                    .SetProperty(x => x.Reminded, false), ct);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // The unique (clinic, shop) index: the same shop booked another slot of this clinic at the same moment.
            return AlreadyBooked.ToProblem();
        }

        if (taken == 0)
        {
            return Error.Conflict("conversations.clinic.slot_taken", "Another shop booked this slot first; pick another.").ToProblem();
        }

        return TypedResults.Ok(new BookingResponse(slot.Id, clinic.Id, clinic.Title, clinic.Topic, clinic.MentorName, clinic.ExhibitionId,
            slot.StartsAt, slot.EndsAt, shopId, shop.Name, now, null, null));
    }

    public static readonly Error SlotNotFound = Error.NotFound("conversations.clinic.slot_not_found", "No such clinic slot.");

    private static readonly Error AlreadyBooked = Error.Conflict("conversations.clinic.already_booked", "This shop already has a slot at this clinic.", "shopId");
}
