using Marketplace.BuildingBlocks.Http;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Exhibitions.Exhibitions;

internal static class ExhibitionEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var exhibitions = api.MapGroup("/exhibitions").WithTags("Exhibitions");
        exhibitions.MapPost("/", CreateExhibition.Handle).Validate<CreateExhibitionRequest>()
            .RequireAuthorization(Policies.Organiser).ProducesProblem(403).ProducesProblem(409)
            .WithSummary("Create an exhibition as a draft (organisers).");
        exhibitions.MapPatch("/{id:guid}", UpdateExhibition.Handle).Validate<UpdateExhibitionRequest>()
            .RequireAuthorization(Policies.Organiser).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Edit your exhibition (organiser only). Tiers and halls only while a draft; nothing after it ends.");
        exhibitions.MapPost("/{id:guid}/publish", PublishExhibition.Handle)
            .RequireAuthorization(Policies.Organiser).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Publish your exhibition: it becomes visible and open for booth applications. Needs tiers and halls.");
        exhibitions.MapGet("/", ExhibitionQueries.List).ProducesValidationProblem()
            .WithSummary("Published exhibitions, by status (upcoming, live, ended — from the clock) and city.");
        exhibitions.MapGet("/{slug}", ExhibitionQueries.Get).ProducesProblem(404)
            .WithSummary("An exhibition by its slug (or id). Drafts are visible to their organiser only.");

        api.MapGet("/me/exhibitions", ExhibitionQueries.Mine).WithTags("Exhibitions")
            .RequireAuthorization(Policies.Organiser).WithSummary("Your own exhibitions, drafts included (organisers).");
    }
}
