using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace Marketplace.Web;

/// <summary>
/// Remembers the hosted payment page of a card checkout until its payment window closes, so the return page can offer
/// "pay by card again" after the shopper left Stripe's page without paying. Only a link to Stripe's page (nothing
/// secret: it shows a total and takes a card), in the same distributed cache as the sessions.
/// </summary>
internal sealed class CardPayments(IDistributedCache cache, TimeProvider clock)
{
    /// <summary>The API puts the order group's id here in the return addresses it hands to Stripe.</summary>
    public const string GroupIdPlaceholder = "{ORDER_GROUP_ID}";

    public async Task RememberAsync(Guid orderGroupId, string checkoutUrl, DateTimeOffset paymentDueAt)
    {
        var left = paymentDueAt - clock.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            await cache.SetAsync(Key(orderGroupId), Encoding.UTF8.GetBytes(checkoutUrl), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = left });
        }
    }

    public async Task<string?> PageOfAsync(Guid orderGroupId) =>
        await cache.GetAsync(Key(orderGroupId)) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    private static string Key(Guid orderGroupId) => "web:card-page:" + orderGroupId.ToString("N");
}
