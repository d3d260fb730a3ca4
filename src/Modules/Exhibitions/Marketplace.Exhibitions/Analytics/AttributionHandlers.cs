using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Cart.Contracts;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Analytics;

/// <summary>
/// Attributes commerce to booths from the Cart's and the Orders' events (their BoothId). Only a line of the booth's own
/// shop counts — a BoothId is client-supplied, so it is checked, not trusted. Idempotent through the inbox: a
/// redelivered event is recorded once. A paid order's cancellation takes its sale back out.
/// </summary>
internal sealed class AttributionHandlers(ExhibitionsDbContext db, TimeProvider clock) :
    IIntegrationEventHandler<CartItemAdded>,
    IIntegrationEventHandler<OrderLinePaid>,
    IIntegrationEventHandler<OrderCancelled>
{
    public Task HandleAsync(CartItemAdded e, CancellationToken ct) =>
        e.BoothId is { } boothId
            ? RecordAsync(e.EventId, "exhibitions.cart_item_added", boothId, e.ShopId, ActivityKind.AddToCart, e.ProductId, null, e.Quantity, 0, SharedKernel.Money.DefaultCurrency, e.AddedAt, ct)
            : Task.CompletedTask;

    public Task HandleAsync(OrderLinePaid e, CancellationToken ct) =>
        e.BoothId is { } boothId
            ? RecordAsync(e.EventId, "exhibitions.order_line_paid", boothId, e.ShopId, ActivityKind.Sale, e.ProductId, e.OrderId, e.Quantity, e.LineTotal.Amount, e.LineTotal.Currency, e.PaidAt, ct)
            : Task.CompletedTask;

    /// <summary>A paid order that is cancelled (and refunded) is no longer a sale of the booth it came from.</summary>
    public async Task HandleAsync(OrderCancelled e, CancellationToken ct)
    {
        if (!e.WasPaid || !await db.TryStartProcessingAsync(e.EventId, "exhibitions.order_cancelled", clock, ct))
        {
            return;
        }

        var sales = await db.Activities.Where(a => a.Kind == ActivityKind.Sale && a.OrderId == e.OrderId).ToListAsync(ct);
        db.Activities.RemoveRange(sales);
        await db.SaveChangesAsync(ct);
    }

    private async Task RecordAsync(Guid eventId, string consumer, Guid boothId, Guid shopId, ActivityKind kind, Guid productId, Guid? orderId,
        int quantity, long amount, string currency, DateTimeOffset at, CancellationToken ct)
    {
        if (!await db.TryStartProcessingAsync(eventId, consumer, clock, ct))
        {
            return;
        }

        var booth = await db.Booths.AsNoTracking().Where(b => b.Id == boothId).Select(b => new { b.ExhibitionId, b.ShopId }).SingleOrDefaultAsync(ct);
        if (booth is not null && booth.ShopId == shopId)
        {
            db.Activities.Add(new BoothActivity
            {
                EventId = eventId,
                ExhibitionId = booth.ExhibitionId,
                BoothId = boothId,
                Kind = kind,
                ProductId = productId,
                OrderId = orderId,
                Quantity = quantity,
                Amount = amount,
                Currency = currency,
                At = at.ToUniversalTime(),
                Day = Jakarta.Day(at),
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
