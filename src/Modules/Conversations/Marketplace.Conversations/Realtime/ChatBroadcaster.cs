using Marketplace.Conversations.Chat;
using Marketplace.Conversations.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Conversations.Realtime;

/// <summary>
/// Sends conversation events to connected clients: to the conversation's group (clients that joined it after the
/// ownership check) and a small <c>inbox</c> event to each party's own group (their list's unread badge). Through the
/// hub's lifetime manager, so with Redis every instance's clients get them.
/// </summary>
internal sealed class ChatBroadcaster(IHubContext<ConversationHub> hub)
{
    public static string GroupOf(Guid conversationId) => "c:" + conversationId.ToString("N");

    public async Task MessageAsync(MessageResponse message, Conversation conversation, CancellationToken ct)
    {
        await hub.Clients.Group(GroupOf(conversation.Id)).SendAsync(ConversationHubContract.MessageEvent, message, ct);
        var inbox = new { conversationId = conversation.Id, seq = message.Seq };
        await hub.Clients.Groups(InboxesOf(conversation)).SendAsync(ConversationHubContract.InboxEvent, inbox, ct);
    }

    public Task ReadAsync(Conversation conversation, Party party, long seq, CancellationToken ct) =>
        hub.Clients.Group(GroupOf(conversation.Id)).SendAsync(ConversationHubContract.ReadEvent, new { conversationId = conversation.Id, party, seq }, ct);

    private static List<string> InboxesOf(Conversation c)
    {
        var groups = new List<string> { Caller.InboxOfUser(c.ShopOwnerId) };
        if (c.VisitorUserId is { } user)
        {
            groups.Add(Caller.InboxOfUser(user));
        }
        else if (c.VisitorGuestId is { } guest)
        {
            groups.Add(new Caller(null, guest, null).InboxGroup);
        }

        return groups;
    }
}
