using Marketplace.Cart.Contracts;
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

/// <summary>
/// When the last open order of a checkout is cancelled, the voucher use that checkout took goes back: a use stands for
/// a purchase, and a limited promo ("first 100 buyers") must not run out on orders that never happened. Redelivery is
/// harmless: the Cart's release is idempotent per order group.
/// </summary>
internal sealed class ReleaseVoucherWhenCheckoutCancelled(OrdersDbContext db, IVoucherRedemptions vouchers) : Marketplace.SharedKernel.Events.IIntegrationEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking()
            .Where(g => g.Id == integrationEvent.OrderGroupId)
            .Select(g => new { g.VoucherCode, AllCancelled = g.Orders.All(o => o.Status == OrderStatus.Cancelled) })
            .SingleOrDefaultAsync(cancellationToken);
        if (group is { VoucherCode: { } code, AllCancelled: true })
        {
            await vouchers.ReleaseAsync(code, integrationEvent.OrderGroupId, cancellationToken);
        }
    }
}
