using System.Security.Claims;
using System.Text.RegularExpressions;
using Marketplace.SharedKernel.Security;

namespace Marketplace.Conversations.Chat;

/// <summary>
/// Who is calling: a signed-in user, or a guest known only by the random visitor id their browser keeps. A guest's id
/// is the key to their conversations until they sign in and claim them, so it must be long enough not to be guessed.
/// </summary>
internal readonly partial record struct Caller(Guid? UserId, string? GuestId, string? DisplayName)
{
    public bool IsKnown => UserId is not null || GuestId is not null;

    public static Caller From(ClaimsPrincipal user, string? visitorId)
    {
        if (user.UserId() is { } id)
        {
            return new Caller(id, null, user.FindFirst("name")?.Value ?? user.FindFirst(ClaimTypes.Name)?.Value);
        }

        return new Caller(null, IsValidVisitorId(visitorId) ? visitorId : null, null);
    }

    public static bool IsValidVisitorId(string? visitorId) => visitorId is not null && VisitorIdPattern().IsMatch(visitorId);

    /// <summary>Which side of <paramref name="conversation"/> this caller is on; null when they are not part of it.</summary>
    public Party? PartyIn(Conversation conversation)
    {
        if (UserId is { } user)
        {
            if (user == conversation.ShopOwnerId)
            {
                return Party.Shop;
            }

            return user == conversation.VisitorUserId ? Party.Visitor : null;
        }

        // A claimed conversation belongs to the account: the visitor id alone no longer opens it.
        return GuestId is not null && conversation.VisitorUserId is null && conversation.VisitorGuestId == GuestId ? Party.Visitor : null;
    }

    /// <summary>The SignalR group of this caller's own inbox (every conversation they are part of).</summary>
    public string InboxGroup => UserId is { } user ? InboxOfUser(user) : "inbox:g:" + GuestId;

    public static string InboxOfUser(Guid userId) => "inbox:u:" + userId.ToString("N");

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$")]
    private static partial Regex VisitorIdPattern();
}
