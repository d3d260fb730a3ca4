using Marketplace.BuildingBlocks.Http;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Exhibitions.Leads;

internal static class LeadEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var booths = api.MapGroup("/booths").WithTags("Leads");
        booths.MapPost("/{id:guid}/leads", CreateLead.Handle).Validate<CreateLeadRequest>()
            .ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Leave a lead at a booth: a question, a bulk enquiry, a request for quote, a sample request or a partnership. Signed in or not.");
        booths.MapGet("/{id:guid}/leads", ListLeads.Handle).ProducesValidationProblem()
            .RequireAuthorization().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("The leads left at your booth, newest first (exhibitor only).");
        api.MapPatch("/leads/{id:guid}", UpdateLead.Handle).Validate<UpdateLeadRequest>().WithTags("Leads")
            .RequireAuthorization().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Follow up a lead (exhibitor only): new → contacted → quoted (with the quoted price) → closed.");
    }
}
