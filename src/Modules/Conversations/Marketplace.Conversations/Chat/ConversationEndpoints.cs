using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.RateLimiting;
using Marketplace.Conversations.Contracts;
using Marketplace.Conversations.Presence;
using Marketplace.Conversations.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Conversations.Chat;

internal static class ConversationEndpoints
{
    private const string GuestNote = " Guests send `X-Visitor-Id` (the id they opened the conversation with) instead of a token.";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/booths/{boothId:guid}/conversations", OpenConversation.AtBooth).WithTags("Conversations").AllowAnonymous()
            .ProducesProblem(401).ProducesProblem(404).ProducesProblem(409)
            .WithName("Conversations_OpenAtBooth")
            .WithSummary("Open (or return) your conversation with a booth's exhibitor, while its exhibition runs.")
            .WithDescription("201 with a new conversation, 200 with the one you already have. 409 `conversations.booth_closed` when the " +
                "booth closed or the exhibition is not running, `conversations.own_shop` for your own booth." + GuestNote);
        api.MapPost("/shops/{shopId:guid}/conversations", OpenConversation.AtShop).WithTags("Conversations").AllowAnonymous()
            .ProducesProblem(401).ProducesProblem(404).ProducesProblem(409)
            .WithName("Conversations_OpenAtShop")
            .WithSummary("Open (or return) your conversation with a shop while it says it is online.")
            .WithDescription("409 `conversations.shop_away` while the shop is away (`GET /shops/{shopId}/presence`)." + GuestNote);
        api.MapGet("/shops/{shopId:guid}/presence", SetPresence.Get).WithTags("Conversations").AllowAnonymous().ProducesProblem(404)
            .WithName("Conversations_GetShopPresence")
            .WithSummary("Whether a shop is online for conversations (`online` or `away`).")
            .WithDescription("A shop that never set it is away.");
        api.MapPut("/shops/{shopId:guid}/presence", SetPresence.Handle).Validate<SetPresenceRequest>().WithTags("Conversations").RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404)
            .WithName("Conversations_SetShopPresence")
            .WithSummary("Set your shop online or away (its owner).")
            .WithDescription("`{status: online|away}`. Online, visitors may open conversations at the shop outside exhibitions.");

        var conversations = api.MapGroup("/conversations").WithTags("Conversations");
        conversations.MapGet("/", ConversationQueries.Mine).AllowAnonymous().ProducesValidationProblem().ProducesProblem(401)
            .WithName("Conversations_ListMine")
            .WithSummary("Your conversations, most recent first, with unread counts.")
            .WithDescription("As a visitor and, for a merchant, as the shop; `side=visitor|shop` keeps one side; paged." + GuestNote);
        conversations.MapPost("/claim", ClaimConversations.Handle).Validate<ClaimConversationsRequest>().RequireAuthorization()
            .WithName("Conversations_ClaimGuest")
            .WithSummary("Make the conversations you had as a guest your account's (after signing in).")
            .WithDescription("`{visitorId}`: the guest's conversations move to the account; the visitor id alone no longer opens them.");
        conversations.MapGet("/{id:guid}", ConversationQueries.Get).AllowAnonymous().ProducesProblem(404)
            .WithName("Conversations_Get")
            .WithSummary("One of your conversations.")
            .WithDescription("404 for a conversation you are not part of." + GuestNote);
        conversations.MapGet("/{id:guid}/messages", ConversationQueries.Messages).AllowAnonymous().ProducesValidationProblem().ProducesProblem(404)
            .WithName("Conversations_ListMessages")
            .WithSummary("A conversation's messages, newest page first (`before` pages back).")
            .WithDescription("Items oldest first within the page; `before` = a message number (the answer's `before` for the older page), " +
                "`limit` 1–100 (50). Only the two parties read it: anyone else gets 404." + GuestNote);
        conversations.MapPost("/{id:guid}/messages", SendMessage.Handle).AllowAnonymous()
            .RequireRateLimit(ConversationRateLimits.Messages)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithName("Conversations_SendMessage")
            .WithSummary("Send a message (text and/or a product card) without a hub connection.")
            .WithDescription("Plain text up to 2,000 characters (markup removed), or `productId` of the shop's product to share. Delivered " +
                "live to both parties' hub clients. 409 `conversations.booth_closed` once the booth closed; 429 past `RateLimits:ChatMessages`." + GuestNote);
        conversations.MapPost("/{id:guid}/read", MarkRead.Handle).AllowAnonymous().ProducesValidationProblem().ProducesProblem(404)
            .WithName("Conversations_MarkRead")
            .WithSummary("Read receipt: you have read up to `seq` (everything when absent).")
            .WithDescription("Never moves back. The other party's clients get a `read` event." + GuestNote);
        conversations.MapPost("/{id:guid}/leads", ConvertToLead.Handle).Validate<ConvertToLeadRequest>().RequireAuthorization()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("Conversations_ConvertToLead")
            .WithSummary("Turn a booth conversation into a request for quote or a sample request (its visitor).")
            .WithDescription("Creates the lead at the booth through the Exhibitions module, with the conversation's recent messages as its " +
                "message; the exhibitor sees it in the booth's leads. Only booth conversations, while the booth is open.");
    }

    /// <summary>The hub, outside <c>/api/v1</c>; JSON protocol; frames over 16 KB close the connection.</summary>
    public static void MapHub(IEndpointRouteBuilder app) =>
        app.MapHub<ConversationHub>(ConversationHubContract.Path, o => o.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling)
            .AllowAnonymous();
}
