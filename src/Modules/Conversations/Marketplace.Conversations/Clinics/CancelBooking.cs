using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Conversations.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Clinics;

/// <summary>The booking user frees the slot before it starts (a conditional update: only their own booking).</summary>
internal static class CancelBooking
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, ClaimsPrincipal user, ConversationsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        var slot = await db.ClinicSlots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (slot is null || slot.BookedByUserId != userId)
        {
            return BookSlot.SlotNotFound.ToProblem();
        }

        if (slot.StartsAt <= clock.GetUtcNow())
        {
            return Error.Conflict("conversations.clinic.slot_started", "This slot has started or passed.").ToProblem();
        }

        await db.ClinicSlots.Where(s => s.Id == id && s.BookedByUserId == userId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.BookedShopId, (Guid?)null)
                .SetProperty(x => x.BookedByUserId, (Guid?)null)
                .SetProperty(x => x.BookedAt, (DateTimeOffset?)null)
                .SetProperty(x => x.Reminded, false), ct);
        return TypedResults.NoContent();
    }
}
