using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Api.Hosting;

/// <summary>Parked (dead-lettered) outbox events of every module, for administrators.</summary>
internal static class OutboxEndpoints
{
    public static void MapOutboxAdministration(this IEndpointRouteBuilder api)
    {
        var parked = api.MapGroup("/admin/outbox/parked").WithTags("Operations").RequireAuthorization(Policies.Admin);
        parked.MapGet("/", ListAsync).WithName("Operations_ListParkedEvents")
            .WithSummary("Outbox events that failed every attempt (admin).")
            .WithDescription("Each module's events whose handlers failed Outbox:MaxAttempts times: no longer retried by themselves, they wait here with the last error. The same count is the marketplace_outbox_parked gauge on /metrics.");
        parked.MapPost("/{eventId:guid}/retry", RetryAsync).WithName("Operations_RetryParkedEvent")
            .WithSummary("Send a parked event round again (admin).")
            .WithDescription("Gives the event a fresh set of attempts once its cause is fixed; handlers are idempotent, so a retry never applies twice.");
    }

    private static async Task<Ok<List<ParkedEvent>>> ListAsync(IEnumerable<IOutboxDeadLetters> modules, CancellationToken ct)
    {
        var all = new List<ParkedEvent>();
        foreach (var module in modules)
        {
            all.AddRange(await module.ListAsync(200, ct));
        }

        return TypedResults.Ok(all.OrderBy(e => e.OccurredAt).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RetryAsync(Guid eventId, IEnumerable<IOutboxDeadLetters> modules, CancellationToken ct)
    {
        foreach (var module in modules)
        {
            if (await module.RetryAsync(eventId, ct))
            {
                return TypedResults.NoContent();
            }
        }

        return Error.NotFound("outbox.parked_event_not_found", "No parked event with this id.").ToProblem();
    }
}
