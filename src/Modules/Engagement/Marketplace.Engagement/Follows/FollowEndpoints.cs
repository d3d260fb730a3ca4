using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Engagement.Contracts;
using Marketplace.Engagement.Persistence;
using Marketplace.Exhibitions.Contracts;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Engagement.Follows;

internal sealed record FollowResponse(FollowedKind Kind, Guid TargetId, DateTimeOffset FollowedAt);

/// <summary>Following shops and exhibitions; followers are told about them in their notifications.</summary>
internal static class FollowEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var follows = api.MapGroup("/me/follows").WithTags("Following").RequireAuthorization();
        follows.MapGet("/", List).ProducesValidationProblem()
            .WithName("Following_List")
            .WithSummary("What you follow, most recent first.")
            .WithDescription("`kind=shop` or `kind=exhibition` keeps one kind; paged.");
        follows.MapPut("/shops/{shopId:guid}", FollowShop).ProducesProblem(404).ProducesProblem(409)
            .WithName("Following_FollowShop")
            .WithSummary("Follow a shop (following it again changes nothing).")
            .WithDescription("You are told when it publishes a new product and when its booth at an exhibition goes live.");
        follows.MapDelete("/shops/{shopId:guid}", UnfollowShop)
            .WithName("Following_UnfollowShop")
            .WithSummary("Stop following a shop.")
            .WithDescription("Idempotent.");
        follows.MapPut("/exhibitions/{exhibitionId:guid}", FollowExhibition).ProducesProblem(404).ProducesProblem(409)
            .WithName("Following_FollowExhibition")
            .WithSummary("Follow a published exhibition (following it again changes nothing).")
            .WithDescription("You are told when it opens and when a live session at one of its booths starts.");
        follows.MapDelete("/exhibitions/{exhibitionId:guid}", UnfollowExhibition)
            .WithName("Following_UnfollowExhibition")
            .WithSummary("Stop following an exhibition.")
            .WithDescription("Idempotent.");
    }

    public static async Task<Results<Ok<PagedResult<FollowResponse>>, ProblemHttpResult>> List(
        string? kind, int? page, int? pageSize, ClaimsPrincipal user, EngagementDbContext db, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        var errors = new List<Error>(paging.Errors ?? []);
        FollowedKind? only = kind switch
        {
            null => null,
            "shop" => FollowedKind.Shop,
            "exhibition" => FollowedKind.Exhibition,
            _ => null,
        };
        if (kind is not null && only is null)
        {
            errors.Add(Error.Validation("kind", "engagement.follow.unknown_kind", "kind must be shop or exhibition."));
        }

        if (errors.Count > 0)
        {
            return errors.ToProblem();
        }

        var userId = user.UserId()!.Value;
        var query = db.Follows.AsNoTracking().Where(f => f.UserId == userId);
        if (only is { } wanted)
        {
            query = query.Where(f => f.Kind == wanted);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(f => f.At).ThenBy(f => f.TargetId)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize)
            .Select(f => new FollowResponse(f.Kind, f.TargetId, f.At)).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<FollowResponse>(items, paging.Value.Page, paging.Value.PageSize, total));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> FollowShop(
        Guid shopId, ClaimsPrincipal user, EngagementDbContext db, ICatalogReader catalog,
        [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var shop = await catalog.GetShopAsync(shopId, ct);
        if (shop is null || shop.Status != ShopStatus.Active)
        {
            return Error.NotFound("engagement.follow.unknown_shop", "There is no such shop.").ToProblem();
        }

        return await FollowAsync(user.UserId()!.Value, FollowedKind.Shop, shopId, db, clock, ct);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> FollowExhibition(
        Guid exhibitionId, ClaimsPrincipal user, EngagementDbContext db, IExhibitionSchedule schedule,
        [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        if (await schedule.GetExhibitionAsync(exhibitionId, ct) is null)
        {
            return Error.NotFound("engagement.follow.unknown_exhibition", "There is no such published exhibition.").ToProblem();
        }

        return await FollowAsync(user.UserId()!.Value, FollowedKind.Exhibition, exhibitionId, db, clock, ct);
    }

    public static Task<NoContent> UnfollowShop(Guid shopId, ClaimsPrincipal user, EngagementDbContext db, CancellationToken ct) =>
        UnfollowAsync(user.UserId()!.Value, FollowedKind.Shop, shopId, db, ct);

    public static Task<NoContent> UnfollowExhibition(Guid exhibitionId, ClaimsPrincipal user, EngagementDbContext db, CancellationToken ct) =>
        UnfollowAsync(user.UserId()!.Value, FollowedKind.Exhibition, exhibitionId, db, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> FollowAsync(
        Guid userId, FollowedKind kind, Guid targetId, EngagementDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Follows.AnyAsync(f => f.UserId == userId && f.Kind == kind && f.TargetId == targetId, ct))
        {
            return TypedResults.NoContent();
        }

        if (await db.Follows.CountAsync(f => f.UserId == userId, ct) >= Follow.MaxPerUser)
        {
            return Error.Conflict("engagement.follow.too_many", $"You can follow at most {Follow.MaxPerUser} shops and exhibitions.").ToProblem();
        }

        db.Follows.Add(new Follow { UserId = userId, Kind = kind, TargetId = targetId, At = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A parallel follow of the same target won; the user follows it, as asked.
        }

        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnfollowAsync(Guid userId, FollowedKind kind, Guid targetId, EngagementDbContext db, CancellationToken ct)
    {
        await db.Follows.Where(f => f.UserId == userId && f.Kind == kind && f.TargetId == targetId).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }
}
