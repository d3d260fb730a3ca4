using System.Security.Claims;
using Marketplace.Catalog.Contracts;
using Marketplace.Conversations.Persistence;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Clinics;

/// <summary>A clinic the caller mentors, with its booked slots (the ones a follow-up note can be written on).</summary>
/// <param name="SlotCount">Slots in all, booked or free.</param>
internal sealed record MentoredClinicResponse(
    Guid Id, Guid ExhibitionId, ClinicTopic Topic, string Title, string MentorName, DateTimeOffset StartsAt, int SlotMinutes, int SlotCount,
    IReadOnlyList<BookingResponse> Bookings);

/// <summary>
/// The clinics whose <c>mentorUserId</c> is the caller, soonest first: a mentor signs in and finds the shops they are to
/// meet and writes their notes, without knowing any clinic's id.
/// </summary>
internal static class MentoredClinics
{
    public static async Task<Ok<IReadOnlyList<MentoredClinicResponse>>> Handle(
        ClaimsPrincipal user, ConversationsDbContext db, ICatalogReader catalog, CancellationToken ct)
    {
        var me = user.UserId()!.Value;
        var clinics = await db.Clinics.AsNoTracking().Where(c => c.MentorUserId == me).OrderBy(c => c.StartsAt).ToListAsync(ct);
        var ids = clinics.Select(c => c.Id).ToList();
        var slots = await db.ClinicSlots.AsNoTracking().Where(s => ids.Contains(s.ClinicId)).OrderBy(s => s.StartsAt).ToListAsync(ct);
        var byId = clinics.ToDictionary(c => c.Id);
        // One pass over every clinic's bookings, so a shop booked at several clinics is looked up once.
        var bookings = (await BookingResponse.ListAsync(slots.Where(s => s.BookedShopId != null).Select(s => (s, byId[s.ClinicId])), catalog, ct))
            .ToLookup(b => b.ClinicId);
        var slotCounts = slots.CountBy(s => s.ClinicId).ToDictionary();
        IReadOnlyList<MentoredClinicResponse> result = clinics.Select(c => new MentoredClinicResponse(
            c.Id, c.ExhibitionId, c.Topic, c.Title, c.MentorName, c.StartsAt, c.SlotMinutes, slotCounts.GetValueOrDefault(c.Id), [.. bookings[c.Id]])).ToList();
        return TypedResults.Ok(result);
    }
}
