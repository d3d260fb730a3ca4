namespace Marketplace.Conversations.Contracts;

/// <summary>
/// The real-time contract of <c>/hubs/conversations</c> (SignalR, JSON protocol): the methods a client invokes and the
/// events the server sends. Signed-in clients pass their access token as <c>access_token</c> in the query string (browsers
/// cannot set headers on WebSockets); guests pass <c>visitorId</c> (16–64 letters, digits, - or _), the same id they
/// opened the conversation with.
/// </summary>
public static class ConversationHubContract
{
    public const string Path = "/hubs/conversations";

    /// <summary>Client → server: <c>Join(conversationId)</c>; only a party of the conversation may (else a HubException).</summary>
    public const string Join = "Join";

    /// <summary>Client → server: <c>Leave(conversationId)</c>.</summary>
    public const string Leave = "Leave";

    /// <summary>Client → server: <c>Send(conversationId, text, productId?)</c>; returns the stored message.</summary>
    public const string Send = "Send";

    /// <summary>Client → server: <c>Typing(conversationId)</c>; the other party gets <see cref="TypingEvent"/>.</summary>
    public const string Typing = "Typing";

    /// <summary>Client → server: <c>MarkRead(conversationId, seq)</c>; the other party gets <see cref="ReadEvent"/>.</summary>
    public const string MarkRead = "MarkRead";

    /// <summary>Server → client: a message (the same shape as the REST history's items).</summary>
    public const string MessageEvent = "message";

    /// <summary>Server → client: <c>{conversationId, party}</c> — the other party is typing.</summary>
    public const string TypingEvent = "typing";

    /// <summary>Server → client: <c>{conversationId, party, seq}</c> — the other party has read up to <c>seq</c>.</summary>
    public const string ReadEvent = "read";

    /// <summary>Server → client (to a party's own inbox, joined at connect): <c>{conversationId, seq}</c> — a new message somewhere.</summary>
    public const string InboxEvent = "inbox";
}
