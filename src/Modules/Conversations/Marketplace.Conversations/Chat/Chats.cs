using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Contracts;
using Marketplace.Conversations.Persistence;
using Marketplace.Conversations.Realtime;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Chat;

/// <summary>A message as both the REST history and the hub's <c>message</c> event carry it.</summary>
internal sealed record MessageResponse(
    Guid Id, Guid ConversationId, long Seq, Party Sender, string? Text, ProductCard? Product, DateTimeOffset SentAt);

/// <summary>A product shared into a conversation, as it was when shared.</summary>
internal sealed record ProductCard(Guid Id, string Name, Money Price, string? ImageUrl);

/// <summary>
/// The rules every way into a conversation shares (REST and the hub): who may read it, storing a message with the next
/// number, read positions. Access is decided here, from the stored conversation, on every call.
/// </summary>
/// <remarks>
/// A send is the hot path (a busy booth takes many a second): one read of the conversation (tracked — the access
/// check and the next number come from it, and it is the row the send updates), the booth's state from
/// <see cref="BoothStates"/> (no database while it is fresh), then one transaction with the message's insert and the
/// conversation's update. The Catalog is asked only when a product is shared, so its context is not even created for a
/// plain message.
/// </remarks>
internal sealed class Chats(ConversationsDbContext db, BoothStates booths, IServiceProvider services, ChatBroadcaster broadcaster, TimeProvider clock)
{
    public static readonly Error NotFound = Error.NotFound("conversations.not_found", "No such conversation.");

    /// <summary>The conversation and the caller's side of it, or null when it does not exist or the caller is not part of it (both 404: no hint that it exists).</summary>
    public async Task<(Conversation Conversation, Party Party)?> AccessAsync(Caller caller, Guid conversationId, CancellationToken ct)
    {
        if (!caller.IsKnown)
        {
            return null;
        }

        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, ct);
        return conversation is not null && caller.PartyIn(conversation) is { } party ? (conversation, party) : null;
    }

    /// <summary>Checks and stores a message (next number in the conversation), then sends it to both parties' clients.</summary>
    public async Task<Result<MessageResponse>> SendAsync(Caller caller, Guid conversationId, string? text, Guid? productId, CancellationToken ct)
    {
        var errors = MessageRules.Check(text, productId);
        if (errors.Count > 0)
        {
            return Result<MessageResponse>.Fail(errors);
        }

        if (await TrackAsync(caller, conversationId, ct) is not (var conversation, var party))
        {
            return NotFound;
        }

        // A booth conversation lives as long as the booth: once it closes (or the exhibition ends) it is history only.
        if (conversation.BoothId is { } boothId && await booths.ClosedAsync(boothId, ct) is not null)
        {
            return Error.Conflict("conversations.booth_closed", "This booth is closed now; the conversation can still be read.");
        }

        ProductCard? card = null;
        if (productId is { } id)
        {
            var catalog = services.GetRequiredService<ICatalogReader>();
            var product = (await catalog.GetProductsAsync([id], ct)).SingleOrDefault();
            if (product is null || product.ShopId != conversation.ShopId || !product.IsSellable)
            {
                return Error.Validation("productId", "conversations.message.unknown_product", "Only a published product of this conversation's shop can be shared.");
            }

            card = new ProductCard(product.Id, product.Name, product.Price, product.ImageUrl);
        }

        var clean = MessageRules.Clean(text);
        if (clean is null && card is null)
        {
            return Error.Validation("text", "conversations.message.empty", "Nothing is left of the message once its markup is removed.");
        }

        if (await StoreAsync(caller, conversation, party, clean, card, ct) is not { } stored)
        {
            return NotFound;
        }

        var response = ToResponse(stored);
        await broadcaster.MessageAsync(response, stored.Conversation, ct);
        return response;
    }

    /// <summary>Moves the caller's read position forward (never back) and tells the other party.</summary>
    public async Task<Result<long>> MarkReadAsync(Caller caller, Guid conversationId, long? upTo, CancellationToken ct)
    {
        if (await AccessAsync(caller, conversationId, ct) is not (var conversation, var party))
        {
            return NotFound;
        }

        var seq = Math.Min(upTo ?? conversation.LastSeq, conversation.LastSeq);
        // A conditional update: concurrent receipts only ever move the position forward.
        var changed = party == Party.Visitor
            ? await db.Conversations.Where(c => c.Id == conversationId && c.VisitorReadSeq < seq).ExecuteUpdateAsync(s => s.SetProperty(c => c.VisitorReadSeq, seq), ct)
            : await db.Conversations.Where(c => c.Id == conversationId && c.ShopReadSeq < seq).ExecuteUpdateAsync(s => s.SetProperty(c => c.ShopReadSeq, seq), ct);
        if (changed > 0)
        {
            await broadcaster.ReadAsync(conversation, party, seq, ct);
        }

        return Math.Max(seq, conversation.ReadSeqOf(party));
    }

    /// <summary>Like <see cref="AccessAsync"/>, but the conversation is tracked: the send that follows updates it.</summary>
    private async Task<(Conversation Conversation, Party Party)?> TrackAsync(Caller caller, Guid conversationId, CancellationToken ct)
    {
        if (!caller.IsKnown)
        {
            return null;
        }

        db.ChangeTracker.Clear();
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, ct);
        return conversation is not null && caller.PartyIn(conversation) is { } party ? (conversation, party) : null;
    }

    /// <summary>Null when a retry finds the caller no longer part of the conversation (a guest's, claimed meanwhile).</summary>
    private async Task<(Message Message, Conversation Conversation)?> StoreAsync(
        Caller caller, Conversation conversation, Party sender, string? text, ProductCard? card, CancellationToken ct)
    {
        // The next number is the conversation's LastSeq + 1; the unique (conversation, seq) index refuses a racing send
        // that took the same number, which then retries with a fresh read (and the access check again).
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var message = new Message
            {
                Id = Guid.CreateVersion7(now),
                ConversationId = conversation.Id,
                Seq = conversation.LastSeq + 1,
                Sender = sender,
                SenderUserId = caller.UserId,
                Text = text,
                ProductId = card?.Id,
                ProductName = card?.Name,
                ProductPriceAmount = card?.Price.Amount,
                ProductCurrency = card?.Price.Currency,
                ProductImageUrl = card?.ImageUrl,
                SentAt = now,
            };
            conversation.LastSeq = message.Seq;
            conversation.LastMessageAt = now;
            conversation.LastMessagePreview = MessageRules.Preview(text, card);
            // Writing is reading: the sender has seen everything up to their own message.
            if (sender == Party.Visitor)
            {
                conversation.VisitorReadSeq = message.Seq;
            }
            else
            {
                conversation.ShopReadSeq = message.Seq;
            }

            db.Messages.Add(message);
            try
            {
                // One transaction: the insert and the conversation's update.
                await db.SaveChangesAsync(ct);
                return (message, conversation);
            }
            catch (DbUpdateException) when (attempt < 8)
            {
                // Another send took this number; read again and take the next one.
                if (await TrackAsync(caller, conversation.Id, ct) is not (var fresh, var party) || party != sender)
                {
                    return null;
                }

                conversation = fresh;
            }
        }
    }

    public static MessageResponse ToResponse((Message Message, Conversation Conversation) stored) => ToResponse(stored.Message);

    public static MessageResponse ToResponse(Message m) => new(
        m.Id, m.ConversationId, m.Seq, m.Sender, m.Text,
        m.ProductId is { } id ? new ProductCard(id, m.ProductName ?? "", new Money(m.ProductPriceAmount ?? 0, m.ProductCurrency ?? Money.DefaultCurrency), m.ProductImageUrl) : null,
        m.SentAt);
}

/// <summary>What a message may be: plain text up to 2,000 characters and/or one product card; markup is removed.</summary>
internal static class MessageRules
{
    public static List<Error> Check(string? text, Guid? productId)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(text) && productId is null)
        {
            errors.Add(Error.Validation("text", "conversations.message.empty", "Write something or share a product."));
        }

        // Checked on the raw input: a 100 KB message is refused, not silently cut.
        if (text is { Length: > Message.MaxTextLength })
        {
            errors.Add(Error.Validation("text", "conversations.message.too_long", $"A message holds at most {Message.MaxTextLength} characters."));
        }

        if (text is not null && text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(Error.Validation("text", "conversations.message.control_characters", "A message cannot contain control characters."));
        }

        if (productId == Guid.Empty)
        {
            errors.Add(Error.Validation("productId", "conversations.message.unknown_product", "productId is not a product."));
        }

        return errors;
    }

    /// <summary>
    /// Messages are plain text (clients show them as text, never as HTML). Markup is removed rather than escaped: the
    /// sanitizer drops scripts, styles and handlers with their content, then the remaining tags go and entities are decoded.
    /// </summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (!RichText.LooksLikeMarkup(trimmed))
        {
            return trimmed;
        }

        var sanitized = RichText.Sanitize(trimmed) ?? "";
        var plain = System.Net.WebUtility.HtmlDecode(TagPattern.Replace(sanitized, " ")).Trim();
        return plain.Length == 0 ? null : plain;
    }

    public static string? Preview(string? text, ProductCard? card) =>
        text is { Length: > 0 } ? (text.Length > 120 ? text[..120] + "…" : text) : card is not null ? "🛍 " + card.Name : null;

    private static readonly System.Text.RegularExpressions.Regex TagPattern = new("<[^>]*>", System.Text.RegularExpressions.RegexOptions.Compiled);
}
