using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.RateLimiting;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Exhibitions.Leads;

internal static class LeadEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var booths = api.MapGroup("/booths").WithTags("Leads");
        booths.MapPost("/{id:guid}/leads", CreateLead.Handle).Validate<CreateLeadRequest>().RequireRateLimit(RateLimitPolicies.Posting)
            .WithName("Leads_Create").AllowAnonymous().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Leave a lead at a booth, signed in or not.")
            .WithDescription("A question (retail), a bulk enquiry (wholesale), a request for quote (quote: productId and quantity), " +
                             "a sample request (sample: shippingCityCode) or a partnership, with a contact the exhibitor can answer. " +
                             "409 once the exhibition ended.");
        booths.MapGet("/{id:guid}/leads", ListLeads.Handle)
            .WithName("Leads_List").RequireAuthorization().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("The leads left at your booth, newest first (exhibitor only).")
            .WithDescription("Filter by status (new, contacted, quoted, closed) and kind; paged.");
        api.MapPatch("/leads/{id:guid}", UpdateLead.Handle).Validate<UpdateLeadRequest>().WithTags("Leads")
            .WithName("Leads_Update").RequireAuthorization().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Follow up a lead (exhibitor only).")
            .WithDescription("Forward only: new → contacted → quoted (with the quoted price) → closed (409 backwards); a private note.");
    }
}
