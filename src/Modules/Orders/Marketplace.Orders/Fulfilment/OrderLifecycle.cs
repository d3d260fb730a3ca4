using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Persistence;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Orders.Fulfilment;

/// <summary>
/// Carries out the order lifecycle that <see cref="Order"/> guards: loads the order, asks it to move, and saves the move,
/// its history row and its integration events in one transaction (outbox). The status is the concurrency token, so of
/// two racing moves exactly one is written; the loser sees a concurrency failure and reports that it did not move.
/// </summary>
internal sealed class OrderLifecycle(OrdersDbContext db, IStockReservations stock, TimeProvider clock)
{
    /// <summary>pending_payment → paid: confirms the stock reservation, emits OrderLinePaid per line and OrderPaid.</summary>
    /// <returns>False when the order was no longer pending (someone else moved it first).</returns>
    public async Task<bool> MarkPaidAsync(Guid orderId, Actor actor, string? note, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await MoveAsync(orderId, OrderStatus.PendingPayment, order => order.MarkPaid(actor, note, now),
            async order =>
            {
                var lines = await db.Lines.AsNoTracking().Where(l => l.OrderId == order.Id).ToListAsync(ct);
                foreach (var line in lines)
                {
                    db.AddIntegrationEvent(new OrderLinePaid(order.Id, order.GroupId, order.ShopId, line.ProductId, line.Quantity,
                        new Money(line.LineTotalAmount, order.Currency), line.BoothId, order.ShopperId, now) { OccurredAt = now });
                }

                var group = await db.Groups.AsNoTracking().Where(g => g.Id == order.GroupId)
                    .Select(g => new { g.VoucherCode, g.PaymentMethod, g.PaymentIntentId, g.CityCode }).SingleAsync(ct);
                var paidLines = lines.Select(l => new PaidOrderLine(l.Id, l.ProductId, l.Quantity, l.UnitPriceAmount, l.LineTotalAmount, l.BoothId)).ToList();
                db.AddIntegrationEvent(new OrderPaid(order.Id, order.GroupId, order.ShopId, order.Total, now, paidLines, order.ShippingAmount,
                    order.DiscountAmount, order.DiscountAmount > 0 ? group.VoucherCode : null, group.PaymentMethod.ToString().ToLowerInvariant(),
                    group.PaymentIntentId, order.CreatedAt, order.ShopperId, string.IsNullOrEmpty(group.CityCode) ? null : group.CityCode,
                    // Checkout ships within Indonesia only (the address is a city/regency code of its 514).
                    "ID") { OccurredAt = now });
            }, ct);
    }

    public Task<bool> ShipAsync(Guid orderId, string carrier, string trackingNumber, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return MoveAsync(orderId, OrderStatus.Paid, order => order.Ship(carrier, trackingNumber, actor, now),
            order =>
            {
                db.AddIntegrationEvent(new OrderShipped(order.Id, order.ShopId, now) { OccurredAt = now });
                return Task.CompletedTask;
            }, ct);
    }

    public Task<bool> CompleteAsync(Guid orderId, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return MoveAsync(orderId, OrderStatus.Shipped, order => order.Complete(actor, now),
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
        var moved = await MoveAsync(orderId, from, order => order.Cancel(reason, actor, now),
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

    /// <param name="from">The status the caller saw; the move happens only from it.</param>
    private async Task<bool> MoveAsync(Guid orderId, OrderStatus from, Func<Order, SharedKernel.Errors.Error?> move, Func<Order, Task>? then, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, ct);
            if (order is null || order.Status != from || move(order) is not null)
            {
                await transaction.RollbackAsync(ct);
                return false;
            }

            // The move appended its history row. Found through the navigation, a row whose key is already set would be
            // taken for an existing one (an UPDATE of nothing), so it is added explicitly.
            db.Transitions.Add(order.Transitions[^1]);
            if (then is not null)
            {
                await then(order);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
