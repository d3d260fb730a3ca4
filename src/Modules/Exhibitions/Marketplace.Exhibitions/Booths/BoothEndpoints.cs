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
            .RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Apply for a booth for your shop (merchants): tier, hall preference, pitch, products to show. One per shop.");
        exhibitions.MapGet("/{id:guid}/booth-applications", BoothQueries.Applications).ProducesValidationProblem()
            .RequireAuthorization(Policies.Organiser).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("The applications to your exhibition, oldest first (organiser only).");
        exhibitions.MapGet("/{id:guid}/booths", BoothQueries.Directory).ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("The hall directory: open booths by hall and slot, filtered by hall, sub-sector or text.");

        var applications = api.MapGroup("/booth-applications").WithTags("Booths");
        applications.MapPost("/{id:guid}/approve", DecideApplication.Approve)
            .RequireAuthorization(Policies.Organiser).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Approve an application: the booth opens in a hall slot, within the tier's capacity (organiser only).");
        applications.MapPost("/{id:guid}/reject", DecideApplication.Reject).Validate<RejectApplicationRequest>()
            .RequireAuthorization(Policies.Organiser).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Reject an application with a reason (organiser only).");
        api.MapGet("/me/booth-applications", BoothQueries.MyApplications).WithTags("Booths")
            .RequireAuthorization(Policies.Merchant).WithSummary("Your booth applications and their outcome (merchants).");

        var booths = api.MapGroup("/booths").WithTags("Booths");
        booths.MapGet("/{id:guid}", BoothQueries.Get).ProducesProblem(404)
            .WithSummary("A booth page: content, live sessions, promo, and its featured products as live catalog data.");
        booths.MapPatch("/{id:guid}", DressBooth.Handle).Validate<DressBoothRequest>()
            .RequireAuthorization().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Dress your booth (exhibitor only): banner, story, featured products, video, documents, live sessions, promo. Until the exhibition ends.");
        booths.MapPost("/{id:guid}/close", CloseBooth.Handle)
            .RequireAuthorization().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Close a booth (its exhibitor or the organiser); frees its tier place.");
    }
}
