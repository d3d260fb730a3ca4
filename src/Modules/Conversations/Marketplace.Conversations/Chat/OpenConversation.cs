using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Conversations.Persistence;
using Marketplace.Exhibitions.Contracts;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Chat;

/// <summary>
/// A visitor opens a conversation with the exhibitor of a booth (while its exhibition runs) or with a shop (while it
/// says it is online). Opening again returns the same conversation (200); a new one is 201. Guests identify themselves
/// with <c>X-Visitor-Id</c>.
/// </summary>
internal static class OpenConversation
{
    public static readonly Error NoVisitor = Error.Unauthorized("conversations.visitor_required",
        "Sign in, or send the X-Visitor-Id header (16–64 letters, digits, - or _) your browser keeps.");

    public static async Task<Results<Ok<ConversationResponse>, Created<ConversationResponse>, ProblemHttpResult>> AtBooth(
        Guid boothId, ClaimsPrincipal user, HttpRequest request, ConversationsDbContext db, IExhibitorDirectory directory,
        IExhibitionSchedule schedule, ICatalogReader catalog, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user, request.Headers[ConversationHeaders.VisitorId].FirstOrDefault());
        if (!caller.IsKnown)
        {
            return NoVisitor.ToProblem();
        }

        var booth = await directory.GetBoothOwnershipAsync(boothId, ct);
        if (booth is null)
        {
            return Error.NotFound("conversations.booth_not_found", "No such booth.").ToProblem();
        }

        if (await BoothRules.ClosedAsync(booth, schedule, clock, ct) is { } closed)
        {
            return closed.ToProblem();
        }

        var shop = await catalog.GetShopAsync(booth.ShopId, ct);
        if (shop is null)
        {
            return Error.NotFound("conversations.booth_not_found", "No such booth.").ToProblem();
        }

        return await OpenAsync(db, clock, caller, $"b:{boothId:N}", shop, booth.BoothId, booth.ExhibitionId, ct);
    }

    public static async Task<Results<Ok<ConversationResponse>, Created<ConversationResponse>, ProblemHttpResult>> AtShop(
        Guid shopId, ClaimsPrincipal user, HttpRequest request, ConversationsDbContext db, ICatalogReader catalog, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user, request.Headers[ConversationHeaders.VisitorId].FirstOrDefault());
        if (!caller.IsKnown)
        {
            return NoVisitor.ToProblem();
        }

        var shop = await catalog.GetShopAsync(shopId, ct);
        if (shop is null || shop.Status != ShopStatus.Active)
        {
            return Error.NotFound("conversations.shop_not_found", "No such shop.").ToProblem();
        }

        var online = await db.Presence.AsNoTracking().AnyAsync(p => p.ShopId == shopId && p.Online, ct);
        if (!online)
        {
            return Error.Conflict("conversations.shop_away", "The shop is away; leave a message at one of its booths or try again later.").ToProblem();
        }

        return await OpenAsync(db, clock, caller, $"s:{shopId:N}", shop, null, null, ct);
    }

    private static async Task<Results<Ok<ConversationResponse>, Created<ConversationResponse>, ProblemHttpResult>> OpenAsync(
        ConversationsDbContext db, TimeProvider clock, Caller caller, string target, ShopSummary shop, Guid? boothId, Guid? exhibitionId, CancellationToken ct)
    {
        if (caller.UserId == shop.OwnerId)
        {
            return Error.Conflict("conversations.own_shop", "This is your own shop: its conversations are in your inbox.").ToProblem();
        }

        var key = target + (caller.UserId is { } u ? $":u:{u:N}" : $":g:{caller.GuestId}");
        if (await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key, ct) is { } existing)
        {
            return TypedResults.Ok(ConversationView.From(existing, Party.Visitor, await UnreadAsync(db, existing, ct)));
        }

        var now = clock.GetUtcNow();
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(now),
            Key = key,
            ShopId = shop.Id,
            ShopName = shop.Name,
            ShopOwnerId = shop.OwnerId,
            BoothId = boothId,
            ExhibitionId = exhibitionId,
            VisitorUserId = caller.UserId,
            VisitorGuestId = caller.UserId is null ? caller.GuestId : null,
            VisitorName = caller.DisplayName is { Length: > 0 } name ? name[..Math.Min(name.Length, 200)] : "Tamu",
            CreatedAt = now,
            LastMessageAt = now,
        };
        db.Conversations.Add(conversation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Opened at the same moment in another tab: the unique key kept one; answer with it.
            db.ChangeTracker.Clear();
            var winner = await db.Conversations.AsNoTracking().SingleAsync(c => c.Key == key, ct);
            return TypedResults.Ok(ConversationView.From(winner, Party.Visitor, await UnreadAsync(db, winner, ct)));
        }

        return TypedResults.Created($"/api/v1/conversations/{conversation.Id}", ConversationView.From(conversation, Party.Visitor, 0));
    }

    private static Task<int> UnreadAsync(ConversationsDbContext db, Conversation c, CancellationToken ct) =>
        db.Messages.CountAsync(m => m.ConversationId == c.Id && m.Sender == Party.Shop && m.Seq > c.VisitorReadSeq, ct);
}

internal static class ConversationHeaders
{
    /// <summary>A guest's visitor id on REST calls (the hub takes it as the <c>visitorId</c> query parameter).</summary>
    public const string VisitorId = "X-Visitor-Id";
}

/// <summary>When a booth takes no messages: unknown, closed, or its exhibition not running (not started, ended, not published).</summary>
internal static class BoothRules
{
    public static async Task<Error?> ClosedAsync(BoothOwnership booth, IExhibitionSchedule schedule, TimeProvider clock, CancellationToken ct) =>
        Check(booth, await schedule.GetExhibitionAsync(booth.ExhibitionId, ct), clock.GetUtcNow());

    public static Error? Check(BoothOwnership? booth, ScheduledExhibition? exhibition, DateTimeOffset now)
    {
        if (booth is null || !booth.Open)
        {
            return Error.Conflict("conversations.booth_closed", "This booth has closed; contact the shop instead.");
        }

        if (exhibition is null || now < exhibition.StartsAt || now >= exhibition.EndsAt)
        {
            return Error.Conflict("conversations.booth_closed", "The exhibition is not running now: the exhibitor answers at the booth only while it runs.");
        }

        return null;
    }
}
