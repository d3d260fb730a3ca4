using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Exports;
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
    public static async Task<Ok<IReadOnlyList<BookingResponse>>> Mine(ClaimsPrincipal user, ConversationsDbContext db, ICatalogReader catalog, CancellationToken ct)
    {
        var me = user.UserId()!.Value;
        var rows = await db.ClinicSlots.AsNoTracking().Where(s => s.BookedByUserId == me)
            .Join(db.Clinics, s => s.ClinicId, c => c.Id, (s, c) => new { s, c })
            .OrderBy(x => x.s.StartsAt).ToListAsync(ct);
        return TypedResults.Ok(await BookingResponse.ListAsync(rows.Select(x => (x.s, x.c)), catalog, ct));
    }

    /// <summary>
    /// The organiser's (or mentor's) view of a clinic's bookings; <c>format=csv|xlsx</c> downloads them through the shared
    /// <see cref="TableExport"/> (its formula guard: shop names and notes are typed by others and the file is opened in Excel).
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<BookingResponse>>, FileContentHttpResult, ProblemHttpResult>> Bookings(
        Guid id, string? format, ClaimsPrincipal user, ConversationsDbContext db, ICatalogReader catalog, CancellationToken ct)
    {
        ExportFormat? file = null;
        if (format is not (null or "json"))
        {
            if (!TableExport.TryParse(format, out var chosen))
            {
                return Error.Validation("format", "conversations.clinic.format", "format must be json, csv or xlsx.").ToProblem();
            }

            file = chosen;
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
        var bookings = await BookingResponse.ListAsync(slots.Select(s => (s, clinic)), catalog, ct);
        if (file is not { } chosenFormat)
        {
            return TypedResults.Ok(bookings);
        }

        var table = new ExportTable("Bookings", ExportColumns,
            bookings.Select(b => (IReadOnlyList<object?>)[b.StartsAt, b.EndsAt, b.ShopId.ToString(), b.ShopName, b.BookedAt, b.FollowUpNote]).ToList());
        return TableExport.File(table, chosenFormat, $"clinic-{id:N}-bookings");
    }

    private static readonly string[] ExportColumns = ["slot_start", "slot_end", "shop_id", "shop_name", "booked_at", "follow_up_note"];
}
