using Marketplace.Conversations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Chat;

/// <param name="You">The caller's side: <c>visitor</c> or <c>shop</c>.</param>
/// <param name="ReadSeq">The last message number the caller has read.</param>
/// <param name="OtherReadSeq">The last message number the other party has read (read receipts).</param>
/// <param name="Unread">Messages from the other party after <paramref name="ReadSeq"/>.</param>
internal sealed record ConversationResponse(
    Guid Id, Guid ShopId, string ShopName, Guid? BoothId, Guid? ExhibitionId, string VisitorName, Party You, long LastSeq, long ReadSeq,
    long OtherReadSeq, int Unread, string? LastMessagePreview, DateTimeOffset LastMessageAt, DateTimeOffset CreatedAt);

internal static class ConversationView
{
    public static ConversationResponse From(Conversation c, Party you, int unread) => new(
        c.Id, c.ShopId, c.ShopName, c.BoothId, c.ExhibitionId, c.VisitorName, you, c.LastSeq, c.ReadSeqOf(you),
        c.ReadSeqOf(you == Party.Visitor ? Party.Shop : Party.Visitor), unread, c.LastMessagePreview, c.LastMessageAt, c.CreatedAt);

    /// <summary>Unread messages per conversation for one side: one grouped count over the (conversation, seq) index.</summary>
    public static async Task<Dictionary<Guid, int>> UnreadAsync(ConversationsDbContext db, IReadOnlyList<(Conversation Conversation, Party You)> items, CancellationToken ct)
    {
        var result = new Dictionary<Guid, int>();
        foreach (var group in items.GroupBy(i => i.You))
        {
            var other = group.Key == Party.Visitor ? Party.Shop : Party.Visitor;
            var ids = group.Select(i => i.Conversation.Id).ToList();
            var messages = db.Messages.AsNoTracking().Where(m => ids.Contains(m.ConversationId) && m.Sender == other);
            var unread = group.Key == Party.Visitor
                ? messages.Join(db.Conversations, m => m.ConversationId, c => c.Id, (m, c) => new { m.ConversationId, m.Seq, Read = c.VisitorReadSeq })
                : messages.Join(db.Conversations, m => m.ConversationId, c => c.Id, (m, c) => new { m.ConversationId, m.Seq, Read = c.ShopReadSeq });
            var counts = await unread.Where(x => x.Seq > x.Read)
                .GroupBy(x => x.ConversationId)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(ct);
            foreach (var count in counts)
            {
                result[count.Key] = count.Count;
            }
        }

        return result;
    }
}
