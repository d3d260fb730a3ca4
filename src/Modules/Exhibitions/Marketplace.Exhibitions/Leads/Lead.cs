using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Exhibitions.Leads;

/// <summary>What the visitor wants. Quotes and samples answer "I cannot judge quality / try it" — first-class kinds.</summary>
internal enum LeadKind
{
    Retail,
    Wholesale,
    Quote,
    Sample,
    Partnership,
}

/// <summary>Forward only: new → contacted → quoted → closed (steps may be skipped, never undone).</summary>
internal enum LeadStatus
{
    New,
    Contacted,
    Quoted,
    Closed,
}

/// <summary>A business lead left at a booth: a question, an enquiry, a request for quote or sample, a partnership.</summary>
internal sealed class Lead
{
    public const int MaxMessageLength = 5_000;

    public Guid Id { get; set; }

    public Guid ExhibitionId { get; set; }

    public Guid BoothId { get; set; }

    public LeadKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>An e-mail address or a phone number (WhatsApp); required, or the exhibitor cannot answer.</summary>
    public string Contact { get; set; } = "";

    public string? Company { get; set; }

    /// <summary>Sanitized rich text.</summary>
    public string? Message { get; set; }

    public Guid? ProductId { get; set; }

    public string? ProductName { get; set; }

    public int? Quantity { get; set; }

    public string? ShippingCityCode { get; set; }

    public Guid? VisitorUserId { get; set; }

    public LeadStatus Status { get; set; }

    public long? QuotedAmount { get; set; }

    public string Currency { get; set; } = Money.DefaultCurrency;

    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Day { get; set; }

    public Money? QuotedPrice => QuotedAmount is { } amount ? new Money(amount, Currency) : null;
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.ToTable("exhibitions_leads");
        b.HasKey(l => l.Id);
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Name).HasMaxLength(100).IsRequired();
        b.Property(l => l.Contact).HasMaxLength(254).IsRequired();
        b.Property(l => l.Company).HasMaxLength(150);
        b.Property(l => l.ProductName).HasMaxLength(200);
        b.Property(l => l.ShippingCityCode).HasMaxLength(5);
        b.Property(l => l.Currency).HasMaxLength(3).IsRequired();
        b.Property(l => l.Note).HasMaxLength(2000);
        b.Ignore(l => l.QuotedPrice);
        b.HasIndex(l => new { l.BoothId, l.CreatedAt });
        b.HasIndex(l => l.ExhibitionId);
    }
}
