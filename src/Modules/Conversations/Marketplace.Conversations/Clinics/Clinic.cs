using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Conversations.Clinics;

/// <summary>What a mentoring clinic is about: what the creative-economy programmes coach their MSMEs in.</summary>
internal enum ClinicTopic
{
    ExportReadiness,
    PackagingAndBranding,
    HalalCertification,
    DigitalMarketing,
    Financing,
}

/// <summary>A mentoring clinic an organiser schedules during an exhibition: one mentor, back-to-back slots.</summary>
internal sealed class Clinic
{
    public Guid Id { get; set; }

    public Guid ExhibitionId { get; set; }

    public Guid OrganiserId { get; set; }

    public ClinicTopic Topic { get; set; }

    public string Title { get; set; } = "";

    public string MentorName { get; set; } = "";

    /// <summary>The mentor's account, when they have one: they write the follow-up notes (the organiser may too).</summary>
    public Guid? MentorUserId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public int SlotMinutes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One slot of a clinic, booked by at most one shop. Booking is a conditional update ("set the shop where none is
/// set"), so two shops racing for a slot get one booking; a unique (clinic, shop) index keeps a shop to one slot per clinic.
/// </summary>
internal sealed class ClinicSlot
{
    public const int MaxNoteLength = 4_000;

    public Guid Id { get; set; }

    public Guid ClinicId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public Guid? BookedShopId { get; set; }

    public Guid? BookedByUserId { get; set; }

    public DateTimeOffset? BookedAt { get; set; }

    /// <summary>Set when the reminder for the current booking was queued; cleared when the booking is cancelled.</summary>
    public bool Reminded { get; set; }

    /// <summary>The mentor's follow-up note for the shop that came (sanitized rich text).</summary>
    public string? FollowUpNote { get; set; }

    public DateTimeOffset? FollowUpAt { get; set; }
}

internal sealed class ClinicConfiguration : IEntityTypeConfiguration<Clinic>
{
    public void Configure(EntityTypeBuilder<Clinic> b)
    {
        b.ToTable("conversations_clinics");
        b.HasKey(c => c.Id);
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.MentorName).HasMaxLength(200);
        b.Property(c => c.Topic).HasConversion<string>().HasMaxLength(40);
        b.HasIndex(c => new { c.ExhibitionId, c.StartsAt });
    }
}

internal sealed class ClinicSlotConfiguration : IEntityTypeConfiguration<ClinicSlot>
{
    public void Configure(EntityTypeBuilder<ClinicSlot> b)
    {
        b.ToTable("conversations_clinic_slots");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.ClinicId, s.StartsAt });
        // One slot per clinic per shop (NULLs — free slots — do not collide on either store).
        b.HasIndex(s => new { s.ClinicId, s.BookedShopId }).IsUnique();
        b.HasIndex(s => new { s.BookedShopId, s.StartsAt });
        b.HasIndex(s => new { s.Reminded, s.StartsAt });
        b.Property(s => s.FollowUpNote).HasMaxLength(ClinicSlot.MaxNoteLength * 2);
    }
}
