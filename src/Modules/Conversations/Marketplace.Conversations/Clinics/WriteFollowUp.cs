using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Contracts;
using Marketplace.Conversations.Persistence;
using Marketplace.Engagement.Contracts;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Clinics;

internal sealed record WriteFollowUpRequest(string? Note);

internal sealed class WriteFollowUpRequestValidator : AbstractValidator<WriteFollowUpRequest>
{
    public WriteFollowUpRequestValidator() => RuleFor(r => r.Note).NotEmpty().MaximumLength(ClinicSlot.MaxNoteLength);
}

/// <summary>
/// The mentor (or the organiser) leaves a short follow-up note on a booked slot; the shop reads it in its bookings and
/// is told in its notifications (through Engagement's <see cref="NotificationRequested"/>, in this module's outbox).
/// </summary>
internal static class WriteFollowUp
{
    public static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Handle(
        Guid id, WriteFollowUpRequest request, ClaimsPrincipal user, ConversationsDbContext db, ICatalogReader catalog, TimeProvider clock, CancellationToken ct)
    {
        var slot = await db.ClinicSlots.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (slot is null)
        {
            return BookSlot.SlotNotFound.ToProblem();
        }

        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == slot.ClinicId, ct);
        var userId = user.UserId();
        if (userId != clinic.MentorUserId && userId != clinic.OrganiserId)
        {
            return Error.Forbidden("conversations.clinic.not_mentor", "Only the clinic's mentor or organiser writes follow-up notes.").ToProblem();
        }

        if (slot.BookedShopId is null || slot.BookedByUserId is not { } booker)
        {
            return Error.Conflict("conversations.clinic.not_booked", "Nobody booked this slot.").ToProblem();
        }

        slot.FollowUpNote = RichText.Sanitize(request.Note);
        slot.FollowUpAt = clock.GetUtcNow();
        db.AddIntegrationEvent(new NotificationRequested(booker, "clinic_follow_up", $"Catatan mentor: {clinic.Title}",
            $"{clinic.MentorName} meninggalkan catatan tindak lanjut.", "/clinics/bookings", $"clinic-note:{slot.Id}:{slot.FollowUpAt:O}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await BookingResponse.ListAsync([(slot, clinic)], catalog, ct))[0]);
    }
}
