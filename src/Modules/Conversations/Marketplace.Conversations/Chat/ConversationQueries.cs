using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Conversations.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Chat;

/// <param name="Items">Oldest first within the page.</param>
/// <param name="Before">Pass as <c>before</c> for the older page; null when there is none.</param>
internal sealed record MessagePage(IReadOnlyList<MessageResponse> Items, long? Before);

internal static class ConversationQueries
{
    /// <summary>The caller's conversations (as visitor and, for a merchant, as shop), most recent first, with unread counts.</summary>
    public static async Task<Results<Ok<PagedResult<ConversationResponse>>, ProblemHttpResult>> Mine(
        string? side, int? page, int? pageSize, ClaimsPrincipal user, HttpRequest http, ConversationsDbContext db, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        var errors = new List<Error>(paging.Errors ?? []);
        if (side is not (null or "visitor" or "shop"))
        {
            errors.Add(Error.Validation("side", "conversations.unknown_side", "side must be visitor or shop."));
        }

        if (errors.Count > 0)
        {
            return errors.ToProblem();
        }

        var caller = Caller.From(user, http.Headers[ConversationHeaders.VisitorId].FirstOrDefault());
        if (!caller.IsKnown)
        {
            return OpenConversation.NoVisitor.ToProblem();
        }

        var query = db.Conversations.AsNoTracking();
        query = (caller.UserId, caller.GuestId, side) switch
        {
            ({ } u, _, "visitor") => query.Where(c => c.VisitorUserId == u),
            ({ } u, _, "shop") => query.Where(c => c.ShopOwnerId == u),
            ({ } u, _, _) => query.Where(c => c.VisitorUserId == u || c.ShopOwnerId == u),
            (null, { } g, _) => query.Where(c => c.VisitorGuestId == g && c.VisitorUserId == null),
            _ => query.Where(_ => false),
        };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.LastMessageAt).ThenBy(c => c.Id)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        var items = rows.Select(c => (Conversation: c, You: caller.PartyIn(c)!.Value)).ToList();
        var unread = await ConversationView.UnreadAsync(db, items, ct);
        var responses = items.Select(i => ConversationView.From(i.Conversation, i.You, unread.GetValueOrDefault(i.Conversation.Id))).ToList();
        return TypedResults.Ok(new PagedResult<ConversationResponse>(responses, paging.Value.Page, paging.Value.PageSize, total));
    }

    public static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, HttpRequest http, Chats chats, ConversationsDbContext db, CancellationToken ct)
    {
        var caller = Caller.From(user, http.Headers[ConversationHeaders.VisitorId].FirstOrDefault());
        if (await chats.AccessAsync(caller, id, ct) is not (var conversation, var you))
        {
            return Chats.NotFound.ToProblem();
        }

        var unread = await ConversationView.UnreadAsync(db, [(conversation, you)], ct);
        return TypedResults.Ok(ConversationView.From(conversation, you, unread.GetValueOrDefault(id)));
    }

    /// <summary>History, newest page first: messages numbered below <paramref name="before"/> (all when absent), up to <paramref name="limit"/>.</summary>
    public static async Task<Results<Ok<MessagePage>, ProblemHttpResult>> Messages(
        Guid id, long? before, int? limit, ClaimsPrincipal user, HttpRequest http, Chats chats, ConversationsDbContext db, CancellationToken ct)
    {
        var errors = new List<Error>();
        if (before is < 1)
        {
            errors.Add(Error.Validation("before", "conversations.history.before", "before is a message number (1 or more)."));
        }

        if (limit is < 1 or > 100)
        {
            errors.Add(Error.Validation("limit", "conversations.history.limit", "limit must be between 1 and 100."));
        }

        if (errors.Count > 0)
        {
            return errors.ToProblem();
        }

        var caller = Caller.From(user, http.Headers[ConversationHeaders.VisitorId].FirstOrDefault());
        if (await chats.AccessAsync(caller, id, ct) is null)
        {
            return Chats.NotFound.ToProblem();
        }

        var take = limit ?? 50;
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == id);
        if (before is { } b)
        {
            query = query.Where(m => m.Seq < b);
        }

        var newestFirst = await query.OrderByDescending(m => m.Seq).Take(take + 1).ToListAsync(ct);
        var page = newestFirst.Take(take).OrderBy(m => m.Seq).Select(Chats.ToResponse).ToList();
        return TypedResults.Ok(new MessagePage(page, newestFirst.Count > take ? page[0].Seq : null));
    }
}
