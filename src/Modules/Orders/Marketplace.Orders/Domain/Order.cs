using Marketplace.SharedKernel;
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

/// <summary>
/// One shop's part of a checkout. Its status moves only along the lifecycle (see <see cref="OrderLifecycle"/>), each
/// move a conditional update on the current status, recorded with time and actor in <see cref="OrderTransition"/>.
/// </summary>
internal sealed class Order
{
    public Guid Id { get; set; }

    public Guid GroupId { get; set; }

    public Guid ShopId { get; set; }

    public string ShopName { get; set; } = "";

    public string ShopSlug { get; set; } = "";

    public Guid ShopperId { get; set; }

    public OrderStatus Status { get; set; }

    public string Currency { get; set; } = Money.DefaultCurrency;

    public long SubtotalAmount { get; set; }

    public long ShippingAmount { get; set; }

    public long DiscountAmount { get; set; }

    public long TotalAmount { get; set; }

    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    public string? CancelReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public DateTimeOffset? ShippedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Stripe: the refund made when a paid order was cancelled.</summary>
    public string? RefundId { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public List<OrderTransition> Transitions { get; set; } = [];

    public Money Total => new(TotalAmount, Currency);
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
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
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

/// <summary>A checkout's Idempotency-Key: the first request's body hash and, once done, its response.</summary>
internal sealed class IdempotencyRecord
{
    public Guid UserId { get; set; }

    public string Key { get; set; } = "";

    public string RequestHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public int? StatusCode { get; set; }

    public string? ResponseJson { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("orders_idempotency_keys");
        b.HasKey(r => new { r.UserId, r.Key });
        b.Property(r => r.Key).HasMaxLength(100);
        b.Property(r => r.RequestHash).HasMaxLength(64);
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
