using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Persistence;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Fulfilment;

internal sealed record Actor(Guid? Id, string Role)
{
    public static readonly Actor System = new(null, "system");
}

/// <summary>
/// The order lifecycle: pending_payment → paid → shipped → completed, or → cancelled from pending_payment or paid.
/// Every move is one conditional UPDATE on the current status, so of two racing moves (a merchant confirming payment
/// while the payment window expires, a webhook and a cancel) exactly one wins; the loser sees 0 rows and reports a
/// conflict. The move, its history row and its integration events commit in one transaction (outbox).
/// </summary>
internal sealed class OrderLifecycle(OrdersDbContext db, IStockReservations stock, TimeProvider clock)
{
    public static bool CanMove(OrderStatus from, OrderStatus to) => (from, to) switch
    {
        (OrderStatus.PendingPayment, OrderStatus.Paid) => true,
        (OrderStatus.PendingPayment, OrderStatus.Cancelled) => true,
        (OrderStatus.Paid, OrderStatus.Shipped) => true,
        (OrderStatus.Paid, OrderStatus.Cancelled) => true,
        (OrderStatus.Shipped, OrderStatus.Completed) => true,
        _ => false,
    };

    /// <summary>pending_payment → paid: confirms the stock reservation, emits OrderLinePaid per line and OrderPaid.</summary>
    /// <returns>False when the order was no longer pending (someone else moved it first).</returns>
    public async Task<bool> MarkPaidAsync(Guid orderId, Actor actor, string? note, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await MoveAsync(orderId, OrderStatus.PendingPayment, OrderStatus.Paid, actor, note, now,
            s => s.SetProperty(o => o.PaidAt, now),
            async order =>
            {
                var lines = await db.Lines.AsNoTracking().Where(l => l.OrderId == order.Id).ToListAsync(ct);
                foreach (var line in lines)
                {
                    db.AddIntegrationEvent(new OrderLinePaid(order.Id, order.GroupId, order.ShopId, line.ProductId, line.Quantity,
                        new Money(line.LineTotalAmount, order.Currency), line.BoothId, order.ShopperId, now) { OccurredAt = now });
                }

                var group = await db.Groups.AsNoTracking().Where(g => g.Id == order.GroupId)
                    .Select(g => new { g.VoucherCode, g.PaymentMethod, g.PaymentIntentId }).SingleAsync(ct);
                var paidLines = lines.Select(l => new PaidOrderLine(l.Id, l.ProductId, l.Quantity, l.UnitPriceAmount, l.LineTotalAmount, l.BoothId)).ToList();
                db.AddIntegrationEvent(new OrderPaid(order.Id, order.GroupId, order.ShopId, order.Total, now, paidLines, order.ShippingAmount,
                    order.DiscountAmount, order.DiscountAmount > 0 ? group.VoucherCode : null, group.PaymentMethod.ToString().ToLowerInvariant(),
                    group.PaymentIntentId, order.CreatedAt) { OccurredAt = now });
            }, ct);
    }

    public Task<bool> ShipAsync(Guid orderId, string carrier, string trackingNumber, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return MoveAsync(orderId, OrderStatus.Paid, OrderStatus.Shipped, actor, $"{carrier} {trackingNumber}", now,
            s => s.SetProperty(o => o.ShippedAt, now).SetProperty(o => o.Carrier, carrier).SetProperty(o => o.TrackingNumber, trackingNumber),
            order =>
            {
                db.AddIntegrationEvent(new OrderShipped(order.Id, order.ShopId, now) { OccurredAt = now });
                return Task.CompletedTask;
            }, ct);
    }

    public Task<bool> CompleteAsync(Guid orderId, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return MoveAsync(orderId, OrderStatus.Shipped, OrderStatus.Completed, actor, null, now, s => s.SetProperty(o => o.CompletedAt, now),
            order =>
            {
                db.AddIntegrationEvent(new OrderCompleted(order.Id, order.ShopId, now) { OccurredAt = now });
                return Task.CompletedTask;
            }, ct);
    }

    /// <summary>
    /// pending_payment or paid → cancelled, then the stock goes back (the reservation is released; also on redelivery of
    /// <see cref="OrderCancelled"/>, so a crash between the two cannot lose the units).
    /// </summary>
    public async Task<bool> CancelAsync(Guid orderId, OrderStatus from, Actor actor, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var moved = await MoveAsync(orderId, from, OrderStatus.Cancelled, actor, reason, now,
            s => s.SetProperty(o => o.CancelledAt, now).SetProperty(o => o.CancelReason, reason),
            order =>
            {
                db.AddIntegrationEvent(new OrderCancelled(order.Id, order.GroupId, order.ShopId, reason, from == OrderStatus.Paid) { OccurredAt = now });
                return Task.CompletedTask;
            }, ct);
        if (moved)
        {
            await stock.ReleaseAsync(orderId, ct);
        }

        return moved;
    }

    private async Task<bool> MoveAsync(
        Guid orderId,
        OrderStatus from,
        OrderStatus to,
        Actor actor,
        string? note,
        DateTimeOffset now,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Order>> extra,
        Func<Order, Task>? then,
        CancellationToken ct)
    {
        if (!CanMove(from, to))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Orders
            .Where(o => o.Id == orderId && o.Status == from)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(o => o.Status, to);
                extra(s);
            }, ct);
        if (moved == 0)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        db.Transitions.Add(new OrderTransition { Id = Guid.CreateVersion7(), OrderId = orderId, From = from, To = to, At = now, ActorId = actor.Id, ActorRole = actor.Role, Note = note });
        if (then is not null)
        {
            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, ct);
            await then(order);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }
}
