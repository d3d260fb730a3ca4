using Marketplace.BuildingBlocks.RateLimiting;
using Marketplace.Conversations.Chat;
using Marketplace.Conversations.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Conversations.Realtime;

/// <summary>
/// <c>/hubs/conversations</c>: a signed-in user (JWT in <c>access_token</c>) or a guest (<c>visitorId</c> in the query)
/// connects, joins the conversations they are part of — checked against the store on every join — and sends messages,
/// typing signals and read receipts. Messages go through <see cref="Chats"/> like the REST route, and count against the
/// same per-account and per-address chat limit.
/// </summary>
internal sealed class ConversationHub(Chats chats, IRateLimitGate limits) : Hub
{
    public override async Task OnConnectedAsync()
    {
        var caller = Me();
        if (!caller.IsKnown)
        {
            // Neither a token nor a valid visitor id: nobody to talk as.
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, caller.InboxGroup);
        await base.OnConnectedAsync();
    }

    public async Task Join(Guid conversationId)
    {
        if (await chats.AccessAsync(Me(), conversationId, Context.ConnectionAborted) is null)
        {
            // Same answer for "does not exist" and "not yours": nothing to learn by probing ids.
            throw new HubException("No such conversation.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, ChatBroadcaster.GroupOf(conversationId));
    }

    public Task Leave(Guid conversationId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, ChatBroadcaster.GroupOf(conversationId));

    public async Task<MessageResponse> Send(Guid conversationId, string? text, Guid? productId)
    {
        if (Context.GetHttpContext() is { } http && await limits.TryAcquireAsync(ConversationRateLimits.Messages, http) is { } retryAfter)
        {
            throw new HubException($"Too many messages; wait {Math.Ceiling(retryAfter.TotalSeconds):0} s.");
        }

        var sent = await chats.SendAsync(Me(), conversationId, text, productId, Context.ConnectionAborted);
        if (sent.IsFailure)
        {
            throw new HubException(string.Join(" ", sent.Errors.Select(e => e.Field is null ? e.Message : $"{e.Field}: {e.Message}")));
        }

        return sent.Value;
    }

    public async Task Typing(Guid conversationId)
    {
        if (await chats.AccessAsync(Me(), conversationId, Context.ConnectionAborted) is (_, var party))
        {
            await Clients.OthersInGroup(ChatBroadcaster.GroupOf(conversationId))
                .SendAsync(ConversationHubContract.TypingEvent, new { conversationId, party }, Context.ConnectionAborted);
        }
        else
        {
            throw new HubException("No such conversation.");
        }
    }

    public async Task<long> MarkRead(Guid conversationId, long? seq)
    {
        var read = await chats.MarkReadAsync(Me(), conversationId, seq, Context.ConnectionAborted);
        return read.IsSuccess ? read.Value : throw new HubException("No such conversation.");
    }

    private Caller Me() => Caller.From(Context.User ?? new(), Context.GetHttpContext()?.Request.Query["visitorId"].FirstOrDefault());
}
