using Marketplace.Orders.Domain;
using Marketplace.SharedKernel.Errors;

namespace Marketplace.Commerce.Tests;

/// <summary>The order's own rules, without an app or a database: which moves it allows, and what each records.</summary>
public sealed class OrderStateMachineTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(7));
    private static readonly Actor Merchant = new(Guid.CreateVersion7(), "merchant");
    private static readonly Actor Shopper = new(Guid.CreateVersion7(), "shopper");

    public static TheoryData<string, string, bool> Moves()
    {
        var data = new TheoryData<string, string, bool>(); // names: the enum is internal to the module
        var allowed = new HashSet<(OrderStatus, OrderStatus)>
        {
            (OrderStatus.PendingPayment, OrderStatus.Paid),
            (OrderStatus.PendingPayment, OrderStatus.Cancelled),
            (OrderStatus.Paid, OrderStatus.Shipped),
            (OrderStatus.Paid, OrderStatus.Cancelled),
            (OrderStatus.Shipped, OrderStatus.Completed),
        };
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
            {
                data.Add(from.ToString(), to.ToString(), allowed.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Only_the_lifecycle_moves_are_allowed(string fromName, string toName, bool allowed)
    {
        var from = Enum.Parse<OrderStatus>(fromName);
        var to = Enum.Parse<OrderStatus>(toName);
        var order = OrderIn(from);

        var error = Move(order, to);

        Assert.Equal(allowed, error is null);
        Assert.Equal(allowed ? to : from, order.Status);
        if (!allowed)
        {
            Assert.Equal("orders.invalid_transition", error!.Code);
        }
    }

    [Fact]
    public void A_placed_order_awaits_payment_and_records_who_placed_it()
    {
        var order = Placed();

        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        var placed = Assert.Single(order.Transitions);
        Assert.Null(placed.From);
        Assert.Equal(OrderStatus.PendingPayment, placed.To);
        Assert.Equal(Shopper.Id, placed.ActorId);
    }

    [Fact]
    public void Lines_and_the_discount_make_the_total_in_minor_units()
    {
        var order = Placed(shipping: 15_000_00);
        order.AddLine(Guid.CreateVersion7(), "Pempek kapal selam", null, 25_000_00, 3, null);
        order.AddLine(Guid.CreateVersion7(), "Kemplang panggang", null, 18_500_00, 2, Guid.CreateVersion7());

        order.ApplyDiscount(10_000_00);

        Assert.Equal(112_000_00, order.SubtotalAmount);
        Assert.Equal(112_000_00 + 15_000_00 - 10_000_00, order.TotalAmount);
        Assert.Equal(order.TotalAmount, order.Total.Amount);
    }

    [Fact]
    public void A_discount_larger_than_the_subtotal_is_refused()
    {
        var order = Placed();
        order.AddLine(Guid.CreateVersion7(), "Keripik tempe", null, 12_000_00, 1, null);

        Assert.Throws<ArgumentOutOfRangeException>(() => order.ApplyDiscount(12_000_01));
        Assert.Throws<ArgumentOutOfRangeException>(() => order.ApplyDiscount(-1));
    }

    [Fact]
    public void Lines_cannot_be_added_once_the_order_is_paid()
    {
        var order = OrderIn(OrderStatus.Paid);

        Assert.Throws<InvalidOperationException>(() => order.AddLine(Guid.CreateVersion7(), "Batik Malangan", null, 350_000_00, 1, null));
    }

    [Fact]
    public void Each_move_is_recorded_with_its_actor_note_and_time()
    {
        var order = Placed();

        Assert.Null(order.MarkPaid(Merchant, "manual payment confirmed", Noon));
        Assert.Null(order.Ship("JNE", "JN0012345678", Merchant, Noon.AddDays(1)));
        Assert.Null(order.Complete(Shopper, Noon.AddDays(3)));

        Assert.Equal(Noon, order.PaidAt);
        Assert.Equal(Noon.AddDays(1), order.ShippedAt);
        Assert.Equal(Noon.AddDays(3), order.CompletedAt);
        Assert.Equal("JNE", order.Carrier);
        Assert.Equal("JN0012345678", order.TrackingNumber);
        Assert.Equal(
            [(null, OrderStatus.PendingPayment), (OrderStatus.PendingPayment, OrderStatus.Paid), (OrderStatus.Paid, OrderStatus.Shipped), (OrderStatus.Shipped, OrderStatus.Completed)],
            order.Transitions.Select(t => (t.From, t.To)).ToList());
        Assert.Equal("JNE JN0012345678", order.Transitions[2].Note);
        Assert.Equal(Shopper.Id, order.Transitions[3].ActorId);
    }

    [Fact]
    public void A_refused_move_changes_nothing()
    {
        var order = OrderIn(OrderStatus.Shipped);
        var before = order.Transitions.Count;

        var error = order.Cancel("changed my mind", Shopper, Noon);

        Assert.NotNull(error);
        Assert.Contains("shipped cannot become cancelled", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, order.Transitions.Count);
        Assert.Null(order.CancelledAt);
        Assert.Null(order.CancelReason);
    }

    [Fact]
    public void A_cancelled_order_keeps_its_reason()
    {
        var order = OrderIn(OrderStatus.Paid);

        Assert.Null(order.Cancel("out of stock at the workshop", Merchant, Noon));

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("out of stock at the workshop", order.CancelReason);
        Assert.Equal(Noon, order.CancelledAt);
    }

    [Theory]
    [InlineData("", "JN001")]
    [InlineData("JNE", " ")]
    public void A_shipment_needs_a_carrier_and_a_tracking_number(string carrier, string tracking)
    {
        var order = OrderIn(OrderStatus.Paid);

        var error = order.Ship(carrier, tracking, Merchant, Noon);

        Assert.Equal(ErrorKind.Validation, error?.Kind);
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    private static Order Placed(long shipping = 0) =>
        Order.Place(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "Pempek Cek Mimi", "pempek-cek-mimi", Shopper.Id!.Value, "IDR", shipping, Noon.AddHours(-1));

    /// <summary>An order brought to <paramref name="status"/> along the lifecycle itself.</summary>
    private static Order OrderIn(OrderStatus status)
    {
        var order = Placed();
        order.AddLine(Guid.CreateVersion7(), "Pempek lenjer", null, 20_000_00, 1, null);
        OrderStatus[] path = status switch
        {
            OrderStatus.PendingPayment => [],
            OrderStatus.Paid => [OrderStatus.Paid],
            OrderStatus.Shipped => [OrderStatus.Paid, OrderStatus.Shipped],
            OrderStatus.Completed => [OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Completed],
            OrderStatus.Cancelled => [OrderStatus.Cancelled],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path)
        {
            Assert.Null(Move(order, step));
        }

        return order;
    }

    private static Error? Move(Order order, OrderStatus to) => to switch
    {
        OrderStatus.Paid => order.MarkPaid(Merchant, null, Noon),
        OrderStatus.Shipped => order.Ship("JNE", "JN001", Merchant, Noon),
        OrderStatus.Completed => order.Complete(Shopper, Noon),
        OrderStatus.Cancelled => order.Cancel("test", Shopper, Noon),
        OrderStatus.PendingPayment => Order.CanMove(order.Status, to) ? throw new InvalidOperationException() : Order.InvalidTransition(order.Status, to),
        _ => throw new ArgumentOutOfRangeException(nameof(to)),
    };
}
