using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Orders.Domain;

internal enum OrderStatus
{
    PendingPayment,
    Paid,
    Shipped,
    Completed,
    Cancelled,
}

internal enum PaymentMethod
{
    Manual,
    Stripe,
}

/// <summary>One checkout: the orders it made (one per shop), the address, how it is paid, and the total.</summary>
internal sealed class OrderGroup
{
    public Guid Id { get; set; }

    public Guid ShopperId { get; set; }

    public PaymentMethod PaymentMethod { get; set; }

    public string Currency { get; set; } = Money.DefaultCurrency;

    public long TotalAmount { get; set; }

    public long DiscountAmount { get; set; }

    public string? VoucherCode { get; set; }

    public string Recipient { get; set; } = "";

    public string Phone { get; set; } = "";

    public string AddressLine1 { get; set; } = "";

    public string CityCode { get; set; } = "";

    public string PostalCode { get; set; } = "";

    /// <summary>Stripe only: the PaymentIntent paying the whole group.</summary>
    public string? PaymentIntentId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset PaymentDueAt { get; set; }

    public List<Order> Orders { get; set; } = [];
}

/// <summary>Who moves an order: a user in a role, or the system (payment window expiry, a payment provider's webhook).</summary>
internal sealed record Actor(Guid? Id, string Role)
{
    public static readonly Actor System = new(null, "system");
}

/// <summary>
/// One shop's part of a checkout. Its status moves only along the lifecycle, guarded here:
/// pending_payment → paid → shipped → completed, or → cancelled from pending_payment or paid. Each move is recorded with
/// time and actor in <see cref="OrderTransition"/>. The status is the concurrency token, so a move is saved as
/// <c>UPDATE … WHERE status = @read</c>: of two racing moves (a merchant confirming payment while the payment window
/// expires, a webhook and a cancel) exactly one is written.
/// </summary>
internal sealed class Order
{
    private Order()
    {
    }

    public Guid Id { get; private set; }

    public Guid GroupId { get; private set; }

    public Guid ShopId { get; private set; }

    public string ShopName { get; private set; } = "";

    public string ShopSlug { get; private set; } = "";

    public Guid ShopperId { get; private set; }

    public OrderStatus Status { get; private set; }

    public string Currency { get; private set; } = Money.DefaultCurrency;

    public long SubtotalAmount { get; private set; }

    public long ShippingAmount { get; private set; }

    public long DiscountAmount { get; private set; }

    public long TotalAmount { get; private set; }

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public string? CancelReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset? ShippedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>Stripe: the refund made when a paid order was cancelled (set once, by a conditional update).</summary>
    public string? RefundId { get; private set; }

    public List<OrderLine> Lines { get; private set; } = [];

    public List<OrderTransition> Transitions { get; private set; } = [];

    public Money Total => new(TotalAmount, Currency);

    /// <summary>A new order awaiting payment, placed by <paramref name="shopperId"/> at checkout.</summary>
    public static Order Place(Guid id, Guid groupId, Guid shopId, string shopName, string shopSlug, Guid shopperId, string currency, long shippingAmount, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shippingAmount);
        var order = new Order
        {
            Id = id,
            GroupId = groupId,
            ShopId = shopId,
            ShopName = shopName,
            ShopSlug = shopSlug,
            ShopperId = shopperId,
            Status = OrderStatus.PendingPayment,
            Currency = currency,
            CreatedAt = now,
            ShippingAmount = shippingAmount,
        };
        order.Transitions.Add(new OrderTransition
        {
            Id = Guid.CreateVersion7(), OrderId = id, From = null, To = OrderStatus.PendingPayment, At = now,
            ActorId = shopperId, ActorRole = "shopper", Note = "checkout",
        });
        return order;
    }

    /// <summary>A line at the product's price as it is now (a snapshot: later edits of the product do not change it).</summary>
    public void AddLine(Guid productId, string productName, string? imageUrl, long unitPriceAmount, int quantity, Guid? boothId)
    {
        EnsurePending();
        ArgumentOutOfRangeException.ThrowIfNegative(unitPriceAmount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var line = new OrderLine
        {
            Id = Guid.CreateVersion7(),
            OrderId = Id,
            ProductId = productId,
            ProductName = productName,
            ImageUrl = imageUrl,
            UnitPriceAmount = unitPriceAmount,
            Quantity = quantity,
            LineTotalAmount = checked(unitPriceAmount * quantity),
            BoothId = boothId,
        };
        Lines.Add(line);
        SubtotalAmount = checked(SubtotalAmount + line.LineTotalAmount);
        TotalAmount = SubtotalAmount + ShippingAmount - DiscountAmount;
    }

    /// <summary>This order's share of a checkout's voucher: never more than its subtotal (shipping is not discounted).</summary>
    public void ApplyDiscount(long amount)
    {
        EnsurePending();
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, SubtotalAmount);
        DiscountAmount = amount;
        TotalAmount = SubtotalAmount + ShippingAmount - DiscountAmount;
    }

    public static bool CanMove(OrderStatus from, OrderStatus to) => (from, to) switch
    {
        (OrderStatus.PendingPayment, OrderStatus.Paid) => true,
        (OrderStatus.PendingPayment, OrderStatus.Cancelled) => true,
        (OrderStatus.Paid, OrderStatus.Shipped) => true,
        (OrderStatus.Paid, OrderStatus.Cancelled) => true,
        (OrderStatus.Shipped, OrderStatus.Completed) => true,
        _ => false,
    };

    public static Error InvalidTransition(OrderStatus from, OrderStatus to) =>
        Error.Conflict("orders.invalid_transition", $"An order that is {Snake(from)} cannot become {Snake(to)}.");

    public static string Snake(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => "pending_payment",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>pending_payment → paid.</summary>
    public Error? MarkPaid(Actor actor, string? note, DateTimeOffset now) =>
        Move(OrderStatus.Paid, actor, note, now, () => PaidAt = now);

    /// <summary>paid → shipped, with the courier and its tracking (resi) number.</summary>
    public Error? Ship(string carrier, string trackingNumber, Actor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
        {
            return Error.Validation(string.IsNullOrWhiteSpace(carrier) ? "carrier" : "trackingNumber", "orders.shipment_incomplete", "A shipment needs a carrier and a tracking number.");
        }

        return Move(OrderStatus.Shipped, actor, $"{carrier} {trackingNumber}", now, () =>
        {
            ShippedAt = now;
            Carrier = carrier;
            TrackingNumber = trackingNumber;
        });
    }

    /// <summary>shipped → completed: the parcel arrived.</summary>
    public Error? Complete(Actor actor, DateTimeOffset now) =>
        Move(OrderStatus.Completed, actor, null, now, () => CompletedAt = now);

    /// <summary>pending_payment or paid → cancelled, with the reason shown to the other party.</summary>
    public Error? Cancel(string reason, Actor actor, DateTimeOffset now) =>
        Move(OrderStatus.Cancelled, actor, reason, now, () =>
        {
            CancelledAt = now;
            CancelReason = reason;
        });

    private Error? Move(OrderStatus to, Actor actor, string? note, DateTimeOffset now, Action apply)
    {
        if (!CanMove(Status, to))
        {
            return InvalidTransition(Status, to);
        }

        Transitions.Add(new OrderTransition
        {
            Id = Guid.CreateVersion7(), OrderId = Id, From = Status, To = to, At = now, ActorId = actor.Id, ActorRole = actor.Role, Note = note,
        });
        Status = to;
        apply();
        return null;
    }

    private void EnsurePending()
    {
        if (Status != OrderStatus.PendingPayment)
        {
            throw new InvalidOperationException("Lines and discounts are set while the order is placed, not after.");
        }
    }
}

/// <summary>A line, with the product's name and price as they were at checkout (a snapshot: later edits do not change it).</summary>
internal sealed class OrderLine
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid ProductId { get; set; }

    public string ProductName { get; set; } = "";

    public string? ImageUrl { get; set; }

    public long UnitPriceAmount { get; set; }

    public int Quantity { get; set; }

    public long LineTotalAmount { get; set; }

    public Guid? BoothId { get; set; }
}

/// <summary>Who moved an order from which status to which, and when.</summary>
internal sealed class OrderTransition
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public OrderStatus? From { get; set; }

    public OrderStatus To { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user who did it; null for the system (payment window expiry, a payment provider's webhook).</summary>
    public Guid? ActorId { get; set; }

    /// <summary>shopper, merchant, admin or system.</summary>
    public string ActorRole { get; set; } = "";

    public string? Note { get; set; }
}

internal sealed class OrderGroupConfiguration : IEntityTypeConfiguration<OrderGroup>
{
    public void Configure(EntityTypeBuilder<OrderGroup> b)
    {
        b.ToTable("orders_groups");
        b.HasKey(g => g.Id);
        b.Property(g => g.PaymentMethod).HasConversion<string>().HasMaxLength(20);
        b.Property(g => g.Currency).HasMaxLength(3).IsRequired();
        b.Property(g => g.VoucherCode).HasMaxLength(40);
        b.Property(g => g.Recipient).HasMaxLength(120);
        b.Property(g => g.Phone).HasMaxLength(30);
        b.Property(g => g.AddressLine1).HasMaxLength(300);
        b.Property(g => g.CityCode).HasMaxLength(10);
        b.Property(g => g.PostalCode).HasMaxLength(10);
        b.Property(g => g.PaymentIntentId).HasMaxLength(100);
        b.HasIndex(g => g.PaymentIntentId).IsUnique();
        b.HasIndex(g => new { g.ShopperId, g.CreatedAt });
        b.HasMany(g => g.Orders).WithOne().HasForeignKey(o => o.GroupId);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders_orders");
        b.HasKey(o => o.Id);
        // The lifecycle's guard against races: a move is written only if the status is still the one that was read.
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.Property(o => o.Currency).HasMaxLength(3).IsRequired();
        b.Property(o => o.ShopName).HasMaxLength(200);
        b.Property(o => o.ShopSlug).HasMaxLength(200);
        b.Property(o => o.Carrier).HasMaxLength(60);
        b.Property(o => o.TrackingNumber).HasMaxLength(100);
        b.Property(o => o.CancelReason).HasMaxLength(200);
        b.Property(o => o.RefundId).HasMaxLength(100);
        b.HasIndex(o => new { o.ShopperId, o.CreatedAt });
        b.HasIndex(o => new { o.ShopId, o.Status, o.CreatedAt });
        b.Ignore(o => o.Total);
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
        b.HasMany(o => o.Transitions).WithOne().HasForeignKey(t => t.OrderId);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("orders_lines");
        b.HasKey(l => l.Id);
        b.Property(l => l.ProductName).HasMaxLength(200);
        b.Property(l => l.ImageUrl).HasMaxLength(2000);
        b.HasIndex(l => l.OrderId);
    }
}

internal sealed class OrderTransitionConfiguration : IEntityTypeConfiguration<OrderTransition>
{
    public void Configure(EntityTypeBuilder<OrderTransition> b)
    {
        b.ToTable("orders_transitions");
        b.HasKey(t => t.Id);
        b.Property(t => t.From).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.To).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.ActorRole).HasMaxLength(20);
        b.Property(t => t.Note).HasMaxLength(300);
        b.HasIndex(t => t.OrderId);
    }
}

/// <summary>A payment provider's event applied once: its id is the key (webhook replays are no-ops).</summary>
internal sealed class ProcessedPaymentEvent
{
    public string EventId { get; set; } = "";

    public string Type { get; set; } = "";

    public DateTimeOffset ProcessedAt { get; set; }
}

internal sealed class ProcessedPaymentEventConfiguration : IEntityTypeConfiguration<ProcessedPaymentEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedPaymentEvent> b)
    {
        b.ToTable("orders_payment_events");
        b.HasKey(e => e.EventId);
        b.Property(e => e.EventId).HasMaxLength(100);
        b.Property(e => e.Type).HasMaxLength(100);
    }
}
