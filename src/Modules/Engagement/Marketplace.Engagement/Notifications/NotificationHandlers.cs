using Marketplace.Catalog.Contracts;
using Marketplace.Engagement.Contracts;
using Marketplace.Exhibitions.Contracts;
using Marketplace.SharedKernel.Events;

namespace Marketplace.Engagement.Notifications;

/// <summary>
/// Turns other modules' events into followers' notifications. Idempotent through the notifications' dedup keys (no
/// inbox needed): a redelivered event finds every follower already told.
/// </summary>
internal sealed class NotificationHandlers(
    Notifier notifier,
    ICatalogReader catalog,
    IExhibitionSchedule schedule,
    [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock) :
    IIntegrationEventHandler<ProductPublished>,
    IIntegrationEventHandler<BoothOpened>,
    IIntegrationEventHandler<NotificationRequested>,
    IIntegrationEventHandler<FollowersNotificationRequested>
{
    /// <summary>A followed shop published a product. Once per product: publishing it again after a pause is not news.</summary>
    public async Task HandleAsync(ProductPublished e, CancellationToken ct)
    {
        var product = (await catalog.GetProductsAsync([e.ProductId], ct)).SingleOrDefault();
        if (product is null || !product.IsSellable)
        {
            return;
        }

        await notifier.NotifyFollowersAsync(FollowedKind.Shop, e.ShopId,
            new NotificationContent("new_product", $"{product.ShopName} punya produk baru: {product.Name}", null, $"/api/v1/products/{product.Id}"),
            $"product-published:{product.Id}", ct);
    }

    /// <summary>
    /// A followed shop got a booth. If its exhibition is running now the booth is live at once; otherwise the
    /// <see cref="ScheduleWatcher"/> tells the shop's followers when the exhibition opens (same dedup key).
    /// </summary>
    public async Task HandleAsync(BoothOpened e, CancellationToken ct)
    {
        var exhibition = await schedule.GetExhibitionAsync(e.ExhibitionId, ct);
        var now = clock.GetUtcNow();
        if (exhibition is null || now < exhibition.StartsAt || now >= exhibition.EndsAt)
        {
            return;
        }

        var shop = await catalog.GetShopAsync(e.ShopId, ct);
        if (shop is null)
        {
            return;
        }

        await notifier.NotifyFollowersAsync(FollowedKind.Shop, e.ShopId, BoothLive(exhibition, new ExhibitorBooth(e.BoothId, e.ShopId, shop.Name)),
            BoothLiveKey(e.BoothId), ct);
    }

    public Task HandleAsync(NotificationRequested e, CancellationToken ct) =>
        notifier.NotifyAsync([e.RecipientId], new NotificationContent(e.Kind, e.Title, e.Body, e.Link), e.DedupKey, ct);

    public Task HandleAsync(FollowersNotificationRequested e, CancellationToken ct) =>
        notifier.NotifyFollowersAsync(e.Followed, e.TargetId, new NotificationContent(e.Kind, e.Title, e.Body, e.Link), e.DedupKey, ct);

    internal static NotificationContent BoothLive(ScheduledExhibition exhibition, ExhibitorBooth booth) =>
        new("booth_live", $"{booth.ShopName} sedang berpameran di {exhibition.Title}", null, $"/api/v1/booths/{booth.BoothId}");

    internal static string BoothLiveKey(Guid boothId) => $"booth-live:{boothId}";
}
