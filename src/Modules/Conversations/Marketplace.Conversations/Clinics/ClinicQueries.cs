using System.Globalization;
using System.Security.Claims;
using System.Text;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Conversations.Persistence;
using Marketplace.Exhibitions.Contracts;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Clinics;

internal static class ClinicQueries
{
    /// <summary>An exhibition's clinics with their slots (free or not; <c>yours</c> for the caller's shops).</summary>
    public static async Task<Results<Ok<IReadOnlyList<ClinicResponse>>, ProblemHttpResult>> OfExhibition(
        Guid id, ClaimsPrincipal user, ConversationsDbContext db, ICatalogReader catalog, IExhibitionSchedule schedule, CancellationToken ct)
    {
        if (await schedule.GetExhibitionAsync(id, ct) is null)
        {
            return Error.NotFound("conversations.exhibition_not_found", "No such exhibition.").ToProblem();
        }

        var clinics = await db.Clinics.AsNoTracking().Where(c => c.ExhibitionId == id).OrderBy(c => c.StartsAt).ToListAsync(ct);
        var ids = clinics.Select(c => c.Id).ToList();
        var slots = await db.ClinicSlots.AsNoTracking().Where(s => ids.Contains(s.ClinicId)).ToListAsync(ct);
        IReadOnlySet<Guid>? mine = user.UserId() is { } me ? (await catalog.GetShopsOwnedByAsync(me, ct)).Select(s => s.Id).ToHashSet() : null;
        IReadOnlyList<ClinicResponse> result = clinics.Select(c => ClinicResponse.From(c, slots.Where(s => s.ClinicId == c.Id), mine)).ToList();
        return TypedResults.Ok(result);
    }

    /// <summary>The caller's bookings (every shop they own), soonest first, with the mentors' follow-up notes.</summary>
    public static async Task<Ok<IReadOnlyList<BookingResponse>>> Mine(ClaimsPrincipal user, ConversationsDbContext db, CancellationToken ct)
    {
        var me = user.UserId()!.Value;
        var rows = await db.ClinicSlots.AsNoTracking().Where(s => s.BookedByUserId == me)
            .Join(db.Clinics, s => s.ClinicId, c => c.Id, (s, c) => new { s, c })
            .OrderBy(x => x.s.StartsAt).ToListAsync(ct);
        IReadOnlyList<BookingResponse> result = rows.Select(x => ToBooking(x.s, x.c)).ToList();
        return TypedResults.Ok(result);
    }

    /// <summary>The organiser's view of a clinic's bookings; <c>format=csv</c> downloads them.</summary>
    public static async Task<Results<Ok<IReadOnlyList<BookingResponse>>, FileContentHttpResult, ProblemHttpResult>> Bookings(
        Guid id, string? format, ClaimsPrincipal user, ConversationsDbContext db, ICatalogReader catalog, CancellationToken ct)
    {
        if (format is not (null or "json" or "csv"))
        {
            return Error.Validation("format", "conversations.clinic.format", "format must be json or csv.").ToProblem();
        }

        var clinic = await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (clinic is null)
        {
            return Error.NotFound("conversations.clinic.not_found", "No such clinic.").ToProblem();
        }

        if (clinic.OrganiserId != user.UserId() && clinic.MentorUserId != user.UserId())
        {
            return Error.Forbidden("conversations.clinic.not_organiser", "Only the clinic's organiser and mentor see its bookings.").ToProblem();
        }

        var slots = await db.ClinicSlots.AsNoTracking().Where(s => s.ClinicId == id && s.BookedShopId != null).OrderBy(s => s.StartsAt).ToListAsync(ct);
        var bookings = slots.Select(s => ToBooking(s, clinic)).ToList();
        if (format != "csv")
        {
            return TypedResults.Ok<IReadOnlyList<BookingResponse>>(bookings);
        }

        var csv = new StringBuilder("slot_start,slot_end,shop_id,shop_name,booked_at,follow_up_note\r\n");
        foreach (var booking in bookings)
        {
            var shop = await catalog.GetShopAsync(booking.ShopId, ct);
            csv.Append(CultureInfo.InvariantCulture, $"{booking.StartsAt:O},{booking.EndsAt:O},{booking.ShopId},{Csv(shop?.Name)},{booking.BookedAt:O},{Csv(booking.FollowUpNote)}\r\n");
        }

        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"clinic-{id:N}-bookings.csv");
    }

    private static BookingResponse ToBooking(ClinicSlot s, Clinic c) => new(
        s.Id, c.Id, c.Title, c.Topic, c.MentorName, c.ExhibitionId, s.StartsAt, s.EndsAt, s.BookedShopId!.Value, s.BookedAt!.Value, s.FollowUpNote, s.FollowUpAt);

    /// <summary>One CSV field: quoted when needed; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula.</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
