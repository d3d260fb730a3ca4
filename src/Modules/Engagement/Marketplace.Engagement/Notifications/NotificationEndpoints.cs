using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Engagement.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Engagement.Notifications;

internal sealed record NotificationResponse(Guid Id, string Kind, string Title, string? Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

internal sealed record UnreadCount(int Unread);

internal sealed record MarkedRead(int Marked);

internal static class NotificationEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var notifications = api.MapGroup("/me/notifications").WithTags("Notifications").RequireAuthorization();
        notifications.MapGet("/", List).ProducesValidationProblem()
            .WithName("Notifications_List")
            .WithSummary("Your in-app notifications, newest first.")
            .WithDescription("New products and live booths of shops you follow, openings and live sessions of exhibitions you follow, and " +
                "what other features send you. `unread=true` keeps the unread ones; paged.");
        notifications.MapGet("/unread-count", Unread)
            .WithName("Notifications_CountUnread")
            .WithSummary("How many of your notifications are unread.")
            .WithDescription("Cheap enough to poll for a badge.");
        notifications.MapPost("/{id:guid}/read", MarkRead).ProducesProblem(404)
            .WithName("Notifications_MarkRead")
            .WithSummary("Mark one of your notifications read.")
            .WithDescription("Idempotent. Someone else's notification is 404.");
        notifications.MapPost("/read-all", MarkAllRead)
            .WithName("Notifications_MarkAllRead")
            .WithSummary("Mark all your notifications read.")
            .WithDescription("Returns how many were unread.");
    }

    public static async Task<Results<Ok<PagedResult<NotificationResponse>>, ProblemHttpResult>> List(
        bool? unread, int? page, int? pageSize, ClaimsPrincipal user, EngagementDbContext db, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        var userId = user.UserId()!.Value;
        var query = db.Notifications.AsNoTracking().Where(n => n.RecipientId == userId);
        if (unread == true)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize)
            .Select(n => new NotificationResponse(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<NotificationResponse>(items, paging.Value.Page, paging.Value.PageSize, total));
    }

    public static async Task<Ok<UnreadCount>> Unread(ClaimsPrincipal user, EngagementDbContext db, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        return TypedResults.Ok(new UnreadCount(await db.Notifications.CountAsync(n => n.RecipientId == userId && n.ReadAt == null, ct)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(
        Guid id, ClaimsPrincipal user, EngagementDbContext db, [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        if (!await db.Notifications.AnyAsync(n => n.Id == id && n.RecipientId == userId, ct))
        {
            return Error.NotFound("engagement.notification.not_found", "You have no such notification.").ToProblem();
        }

        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.Id == id && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<MarkedRead>> MarkAllRead(
        ClaimsPrincipal user, EngagementDbContext db, [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        var now = clock.GetUtcNow();
        var marked = await db.Notifications.Where(n => n.RecipientId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return TypedResults.Ok(new MarkedRead(marked));
    }
}
