using Marketplace.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Conversations.Clinics;

internal static class ClinicEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/exhibitions/{id:guid}/clinics", ScheduleClinic.Handle).Validate<ScheduleClinicRequest>().WithTags("Clinics").RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("Clinics_Schedule")
            .WithSummary("Schedule a mentoring clinic during your exhibition (its organiser).")
            .WithDescription("`{topic, title, mentorName, mentorUserId?, startsAt, slotMinutes, slotCount}`: back-to-back slots inside the " +
                "exhibition's dates. Topics: export_readiness, packaging_and_branding, halal_certification, digital_marketing, financing.");
        api.MapGet("/exhibitions/{id:guid}/clinics", ClinicQueries.OfExhibition).WithTags("Clinics").AllowAnonymous().ProducesProblem(404)
            .WithName("Clinics_ListOfExhibition")
            .WithSummary("An exhibition's clinics with their slots.")
            .WithDescription("Each slot says whether it is `available` and, signed in, whether one of your shops holds it (`yours`). 404 for an unknown or unpublished exhibition.");
        api.MapPost("/clinic-slots/{id:guid}/booking", BookSlot.Handle).Validate<BookSlotRequest>().WithTags("Clinics").RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("Clinics_BookSlot")
            .WithSummary("Book a clinic slot for your shop exhibiting at the clinic's exhibition.")
            .WithDescription("One slot per clinic per shop. 409 `conversations.clinic.slot_taken` when another shop got it first (exactly one " +
                "of racing bookings wins), `already_booked`, `not_exhibiting` (a clinic of another exhibition), `slot_started`.");
        api.MapDelete("/clinic-slots/{id:guid}/booking", CancelBooking.Handle).WithTags("Clinics").RequireAuthorization()
            .ProducesProblem(404).ProducesProblem(409)
            .WithName("Clinics_CancelBooking")
            .WithSummary("Cancel your booking before the slot starts.")
            .WithDescription("The slot becomes free for other shops.");
        api.MapPut("/clinic-slots/{id:guid}/follow-up", WriteFollowUp.Handle).Validate<WriteFollowUpRequest>().WithTags("Clinics").RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("Clinics_WriteFollowUp")
            .WithSummary("The mentor's (or organiser's) follow-up note for the shop that booked the slot.")
            .WithDescription("`{note}` sanitized rich text up to 4,000 characters; the shop reads it in `GET /me/clinic-bookings` and is notified.");
        api.MapGet("/me/clinic-bookings", ClinicQueries.Mine).WithTags("Clinics").RequireAuthorization()
            .WithName("Clinics_ListMyBookings")
            .WithSummary("Your shops' clinic bookings, soonest first, with the mentors' notes.")
            .WithDescription("Every booking made from your account.");
        api.MapGet("/me/mentored-clinics", MentoredClinics.Handle).WithTags("Clinics").RequireAuthorization()
            .WithName("Clinics_ListMentored")
            .WithSummary("The clinics you mentor (you are their `mentorUserId`), soonest first, with their bookings.")
            .WithDescription("Each clinic with its slot count and its booked slots (shop, time, your follow-up note): write a note with " +
                "`PUT /clinic-slots/{id}/follow-up`.");
        api.MapGet("/clinics/{id:guid}/bookings", ClinicQueries.Bookings).WithTags("Clinics").RequireAuthorization()
            // Not .Produces(200, "text/csv", ...): the document keeps one 200 entry, and a file one would drop the JSON list's schema.
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithName("Clinics_ListBookings")
            .WithSummary("A clinic's bookings (its organiser or mentor); `format=csv` or `format=xlsx` exports them.")
            .WithDescription("JSON by default. Export columns: slot_start, slot_end, shop_id, shop_name, booked_at, follow_up_note (CSV: UTF-8 " +
                "with BOM, cells a spreadsheet would run as a formula start with an apostrophe; XLSX: text cells). 400 for another format.");
    }
}
