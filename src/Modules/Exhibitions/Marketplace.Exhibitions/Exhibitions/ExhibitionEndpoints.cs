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
            .WithName("Exhibitions_Create").RequireAuthorization(Policies.Organiser).ProducesProblem(403).ProducesProblem(409)
            .WithSummary("Create an exhibition as a draft (organisers).")
            .WithDescription("Title, city, dates (the status upcoming/live/ended follows from them and the clock), booth tiers with " +
                             "their capacity, and halls. The slug is derived from the title unless given; 409 when it is taken. " +
                             "An end in the past is refused (400 naming endsAt). With an Idempotency-Key header a repeated " +
                             "request returns the exhibition the first one created (200) rather than a second one.");
        exhibitions.MapPatch("/{id:guid}", UpdateExhibition.Handle).Validate<UpdateExhibitionRequest>()
            .WithName("Exhibitions_Update").RequireAuthorization(Policies.Organiser).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Edit your exhibition (organiser only).")
            .WithDescription("Absent fields are left as they are. Tiers and halls change only while a draft; nothing changes after " +
                             "the exhibition ends (409).");
        exhibitions.MapPost("/{id:guid}/publish", PublishExhibition.Handle)
            .WithName("Exhibitions_Publish").RequireAuthorization(Policies.Organiser)
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Publish your exhibition: it becomes visible and open for booth applications.")
            .WithDescription("Needs at least one tier and one hall and an end in the future (422). 409 when it is already published.");
        exhibitions.MapGet("/", ExhibitionQueries.List)
            .WithName("Exhibitions_List").AllowAnonymous().ProducesValidationProblem()
            .WithSummary("Published exhibitions, by status and city.")
            .WithDescription("status is upcoming, live or ended, computed from the dates and the clock; paged.");
        exhibitions.MapGet("/{id:guid}", ExhibitionQueries.Get)
            .WithName("Exhibitions_Get").AllowAnonymous().ProducesProblem(404)
            .WithSummary("An exhibition by its id.")
            .WithDescription("Drafts are visible to their organiser only (404 for everyone else).");
        exhibitions.MapGet("/by-slug/{slug}", ExhibitionQueries.GetBySlug)
            .WithName("Exhibitions_GetBySlug").AllowAnonymous().ProducesProblem(404)
            .WithSummary("An exhibition by its slug.")
            .WithDescription("The exhibition page, e.g. /api/v1/exhibitions/by-slug/palembang-kota-kreatif-expo. Drafts are visible " +
                             "to their organiser only (404 for everyone else).");

        api.MapGet("/me/exhibitions", ExhibitionQueries.Mine).WithTags("Exhibitions")
            .WithName("Exhibitions_ListMine").RequireAuthorization(Policies.Organiser).ProducesProblem(403)
            .WithSummary("Your own exhibitions, drafts included (organisers).")
            .WithDescription("Newest first, at most 200.");
    }
}
