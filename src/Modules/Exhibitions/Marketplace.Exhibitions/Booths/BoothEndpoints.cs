using Marketplace.BuildingBlocks.Http;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Exhibitions.Booths;

internal static class BoothEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var exhibitions = api.MapGroup("/exhibitions").WithTags("Booths");
        exhibitions.MapPost("/{id:guid}/booth-applications", ApplyForBooth.Handle).Validate<ApplyForBoothRequest>()
            .WithName("Booths_Apply").RequireAuthorization(Policies.Merchant)
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Apply for a booth for your shop (merchants).")
            .WithDescription("Tier, hall preference, a pitch and the products to show. One application per shop and exhibition, and " +
                             "none after the exhibition ended (409); the merchant needs an active shop in a sub-sector the exhibition " +
                             "welcomes (422).");
        exhibitions.MapGet("/{id:guid}/booth-applications", BoothQueries.Applications)
            .WithName("Booths_ListApplications").RequireAuthorization(Policies.Organiser)
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("The applications to your exhibition, oldest first (organiser only).")
            .WithDescription("Filter by status (pending, approved, rejected); paged.");
        exhibitions.MapGet("/{id:guid}/booths", BoothQueries.Directory)
            .WithName("Booths_Directory").AllowAnonymous().ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("The hall directory: open booths by hall and slot.")
            .WithDescription("Filter by hall, sub-sector or text; paged. Drafts' directories are visible to their organiser only.");
        exhibitions.MapGet("/{id:guid}/booths/trending", TrendingBooths.Handle)
            .WithName("Booths_Trending").AllowAnonymous().ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("Trending booths: the open booths most visited over the last 24 hours, in order.")
            .WithDescription("For the hall page: top 1–10 booths (default 5), most visited first, without their numbers (those are " +
                             "the exhibitor's and the organiser's, in the analytics). Refreshed at most once a minute; 404 for an " +
                             "unknown exhibition or someone else's draft, 400 for top outside 1–10.");

        var applications = api.MapGroup("/booth-applications").WithTags("Booths");
        applications.MapPost("/{id:guid}/approve", DecideApplication.Approve)
            .WithName("Booths_Approve").RequireAuthorization(Policies.Organiser)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Approve an application: the booth opens in a hall slot (organiser only).")
            .WithDescription("Optional body `{hall}`: the hall to place the booth in (400 naming hall when there is none of that name); " +
                             "without it the merchant's preferred hall, else the emptiest. Within the tier's capacity: 409 when the tier " +
                             "is full or the application was already decided; 422 when the shop is suspended or gone.");
        applications.MapPost("/{id:guid}/reject", DecideApplication.Reject).Validate<RejectApplicationRequest>()
            .WithName("Booths_Reject").RequireAuthorization(Policies.Organiser)
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Reject an application with a reason (organiser only).")
            .WithDescription("The merchant sees the reason. 409 when the application was already decided.");
        api.MapGet("/me/booth-applications", BoothQueries.MyApplications).WithTags("Booths")
            .WithName("Booths_ListMyApplications").RequireAuthorization(Policies.Merchant).ProducesProblem(403)
            .WithSummary("Your booth applications and their outcome (merchants).")
            .WithDescription("Every application of the signed-in merchant's shops, with the booth once approved.");

        var booths = api.MapGroup("/booths").WithTags("Booths");
        booths.MapGet("/{id:guid}", BoothQueries.Get)
            .WithName("Booths_Get").AllowAnonymous().ProducesProblem(404)
            .WithSummary("A booth page: content, live sessions, promo, and its featured products.")
            .WithDescription("Featured products come as live catalog data (today's price and stock).");
        booths.MapPatch("/{id:guid}", DressBooth.Handle).Validate<DressBoothRequest>()
            .WithName("Booths_Dress").RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Dress your booth (exhibitor only).")
            .WithDescription("Banner, story, featured products (of the booth's shop), video, documents, live sessions and promo; absent " +
                             "fields are left as they are. 409 once the exhibition ended or the booth is closed.");
        booths.MapPost("/{id:guid}/close", CloseBooth.Handle)
            .WithName("Booths_Close").RequireAuthorization().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Close a booth (its exhibitor or the organiser).")
            .WithDescription("Frees its tier place and hall slot. 409 when it is already closed.");
    }
}
