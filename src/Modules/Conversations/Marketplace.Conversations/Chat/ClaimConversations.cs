using System.Security.Claims;
using FluentValidation;
using Marketplace.Conversations.Persistence;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Chat;

/// <param name="VisitorId">The visitor id the guest chatted with before signing in.</param>
internal sealed record ClaimConversationsRequest(string? VisitorId);

internal sealed class ClaimConversationsRequestValidator : AbstractValidator<ClaimConversationsRequest>
{
    public ClaimConversationsRequestValidator() =>
        RuleFor(r => r.VisitorId).NotEmpty().Must(Caller.IsValidVisitorId).WithMessage("visitorId is 16–64 letters, digits, - or _.");
}

internal sealed record ClaimedConversations(int Claimed);

/// <summary>
/// After signing in, a guest's conversations become the account's: the account reads them from any device, and the
/// visitor id alone no longer opens them.
/// </summary>
internal static class ClaimConversations
{
    public static async Task<Ok<ClaimedConversations>> Handle(ClaimConversationsRequest request, ClaimsPrincipal user, ConversationsDbContext db, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        var name = user.FindFirst("name")?.Value is { Length: > 0 } n ? n[..Math.Min(n.Length, 200)] : "Tamu";
        var guest = request.VisitorId!;
        var claimed = 0;
        foreach (var conversation in await db.Conversations.Where(c => c.VisitorGuestId == guest && c.VisitorUserId == null).ToListAsync(ct))
        {
            if (conversation.ShopOwnerId == userId)
            {
                continue;
            }

            conversation.VisitorUserId = userId;
            conversation.VisitorName = name;
            var asAccount = conversation.Key.Replace($":g:{guest}", $":u:{userId:N}", StringComparison.Ordinal);
            // If the account already talks to this booth or shop, both conversations stay (the guest one keeps its key).
            if (!await db.Conversations.AnyAsync(c => c.Key == asAccount, ct))
            {
                conversation.Key = asAccount;
            }

            claimed++;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ClaimedConversations(claimed));
    }
}
