using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Fulfilment;

/// <summary>
/// The Catalog released an unpaid reservation past its expiry (the payment window): the order it held stock for is
/// cancelled. Redelivery is harmless: the cancel is a conditional update on pending_payment.
/// </summary>
internal sealed class CancelOrderWhenReservationExpires(OrdersDbContext db, OrderLifecycle lifecycle) : Marketplace.SharedKernel.Events.IIntegrationEventHandler<StockReservationExpired>
{
    public async Task HandleAsync(StockReservationExpired integrationEvent, CancellationToken cancellationToken)
    {
        // The reservation id is the order id (one reservation per order).
        if (await db.Orders.AnyAsync(o => o.Id == integrationEvent.ReservationId && o.Status == OrderStatus.PendingPayment, cancellationToken))
        {
            await lifecycle.CancelAsync(integrationEvent.ReservationId, OrderStatus.PendingPayment, Actor.System, "payment_expired", cancellationToken);
        }
    }
}

/// <summary>Returns a cancelled order's stock even if the process stopped between the cancel and the release (idempotent).</summary>
internal sealed class ReleaseStockWhenOrderCancelled(IStockReservations stock) : Marketplace.SharedKernel.Events.IIntegrationEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken) =>
        stock.ReleaseAsync(integrationEvent.OrderId, cancellationToken);
}
