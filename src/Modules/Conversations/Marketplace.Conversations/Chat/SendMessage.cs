using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Conversations.Chat;

/// <param name="Text">Plain text, up to 2,000 characters; markup is removed.</param>
/// <param name="ProductId">A product of the conversation's shop to share as a card.</param>
internal sealed record SendMessageRequest(string? Text, Guid? ProductId);

/// <summary>Sends a message over REST (clients without a hub connection; the same rules as the hub's <c>Send</c>).</summary>
internal static class SendMessage
{
    public static async Task<Results<Created<MessageResponse>, ProblemHttpResult>> Handle(
        Guid id, SendMessageRequest request, ClaimsPrincipal user, HttpRequest http, Chats chats, CancellationToken ct)
    {
        var caller = Caller.From(user, http.Headers[ConversationHeaders.VisitorId].FirstOrDefault());
        var sent = await chats.SendAsync(caller, id, request.Text, request.ProductId, ct);
        return sent.IsSuccess
            ? TypedResults.Created($"/api/v1/conversations/{id}/messages/{sent.Value.Id}", sent.Value)
            : sent.Errors.ToProblem();
    }
}
