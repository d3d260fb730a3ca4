using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Conversations.Chat;

/// <param name="Seq">The last message number read; absent = everything so far.</param>
internal sealed record MarkReadRequest(long? Seq);

internal sealed record ReadPosition(Guid ConversationId, long ReadSeq);

/// <summary>A read receipt: the caller's read position moves forward (never back) and the other party is told.</summary>
internal static class MarkRead
{
    public static async Task<Results<Ok<ReadPosition>, ProblemHttpResult>> Handle(
        Guid id, MarkReadRequest? request, ClaimsPrincipal user, HttpRequest http, Chats chats, CancellationToken ct)
    {
        if (request?.Seq is < 0)
        {
            return SharedKernel.Errors.Error.Validation("seq", "conversations.read.negative", "seq cannot be negative.").ToProblem();
        }

        var caller = Caller.From(user, http.Headers[ConversationHeaders.VisitorId].FirstOrDefault());
        var read = await chats.MarkReadAsync(caller, id, request?.Seq, ct);
        return read.IsSuccess ? TypedResults.Ok(new ReadPosition(id, read.Value)) : read.Errors.ToProblem();
    }
}
