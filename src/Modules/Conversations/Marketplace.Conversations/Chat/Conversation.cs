using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Conversations.Chat;

/// <summary>Who wrote a message, or which side of a conversation someone is on.</summary>
internal enum Party
{
    Visitor,
    Shop,
}

/// <summary>
/// A conversation between one visitor (a signed-in user, or a guest known by their visitor id) and one shop — opened at
/// a booth during its exhibition, or at the shop while it says it is online. Messages are numbered in it
/// (<see cref="LastSeq"/>); each side's read position is a number too, so unread counts are one indexed count.
/// </summary>
internal sealed class Conversation
{
    public Guid Id { get; set; }

    /// <summary>
    /// What makes a conversation unique: the target (<c>b:{booth}</c> or <c>s:{shop}</c>) and the visitor (<c>u:{user}</c>
    /// or <c>g:{guest id}</c>). A unique index, so two tabs opening it at once end up in one conversation.
    /// </summary>
    public string Key { get; set; } = "";

    public Guid ShopId { get; set; }

    public string ShopName { get; set; } = "";

    /// <summary>The shop's owner: the exhibitor who answers.</summary>
    public Guid ShopOwnerId { get; set; }

    public Guid? BoothId { get; set; }

    public Guid? ExhibitionId { get; set; }

    public Guid? VisitorUserId { get; set; }

    /// <summary>The guest's visitor id, until they sign in and claim the conversation.</summary>
    public string? VisitorGuestId { get; set; }

    public string VisitorName { get; set; } = "";

    public long LastSeq { get; set; }

    public long VisitorReadSeq { get; set; }

    public long ShopReadSeq { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastMessageAt { get; set; }

    public string? LastMessagePreview { get; set; }

    public long ReadSeqOf(Party party) => party == Party.Visitor ? VisitorReadSeq : ShopReadSeq;
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.ToTable("conversations_conversations");
        b.HasKey(c => c.Id);
        b.Property(c => c.Key).HasMaxLength(120);
        b.HasIndex(c => c.Key).IsUnique();
        b.Property(c => c.ShopName).HasMaxLength(200);
        b.Property(c => c.VisitorGuestId).HasMaxLength(64);
        b.Property(c => c.VisitorName).HasMaxLength(200);
        b.Property(c => c.LastMessagePreview).HasMaxLength(200);
        b.HasIndex(c => new { c.ShopOwnerId, c.LastMessageAt });
        b.HasIndex(c => new { c.VisitorUserId, c.LastMessageAt });
        b.HasIndex(c => c.VisitorGuestId);
    }
}

/// <summary>One message. Text is plain text (markup removed on the way in); a product card is a snapshot of the product when shared.</summary>
internal sealed class Message
{
    public const int MaxTextLength = 2_000;

    public Guid Id { get; set; }

    public Guid ConversationId { get; set; }

    public long Seq { get; set; }

    public Party Sender { get; set; }

    public Guid? SenderUserId { get; set; }

    public string? Text { get; set; }

    public Guid? ProductId { get; set; }

    public string? ProductName { get; set; }

    public long? ProductPriceAmount { get; set; }

    public string? ProductCurrency { get; set; }

    public string? ProductImageUrl { get; set; }

    public DateTimeOffset SentAt { get; set; }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.ToTable("conversations_messages");
        b.HasKey(m => m.Id);
        // The message number within its conversation: unique, so two racing sends cannot both take one number.
        b.HasIndex(m => new { m.ConversationId, m.Seq }).IsUnique();
        b.Property(m => m.Text).HasMaxLength(Message.MaxTextLength);
        b.Property(m => m.ProductName).HasMaxLength(200);
        b.Property(m => m.ProductCurrency).HasMaxLength(3);
        b.Property(m => m.ProductImageUrl).HasMaxLength(2000);
    }
}

/// <summary>Whether a shop says it is online for conversations (at the shop, outside exhibitions).</summary>
internal sealed class ShopPresence
{
    public Guid ShopId { get; set; }

    public bool Online { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ShopPresenceConfiguration : IEntityTypeConfiguration<ShopPresence>
{
    public void Configure(EntityTypeBuilder<ShopPresence> b)
    {
        b.ToTable("conversations_shop_presence");
        b.HasKey(p => p.ShopId);
    }
}
