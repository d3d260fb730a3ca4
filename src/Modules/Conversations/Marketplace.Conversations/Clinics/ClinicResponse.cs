namespace Marketplace.Conversations.Clinics;

/// <param name="Available">Free to book.</param>
/// <param name="Yours">Booked by one of the caller's shops.</param>
internal sealed record SlotResponse(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Available, bool Yours);

internal sealed record ClinicResponse(
    Guid Id, Guid ExhibitionId, ClinicTopic Topic, string Title, string MentorName, DateTimeOffset StartsAt, int SlotMinutes, IReadOnlyList<SlotResponse> Slots)
{
    public static ClinicResponse From(Clinic c, IEnumerable<ClinicSlot> slots, IReadOnlySet<Guid>? myShops) => new(
        c.Id, c.ExhibitionId, c.Topic, c.Title, c.MentorName, c.StartsAt, c.SlotMinutes,
        slots.OrderBy(s => s.StartsAt).Select(s => new SlotResponse(
            s.Id, s.StartsAt, s.EndsAt, s.BookedShopId is null, s.BookedShopId is { } shop && myShops?.Contains(shop) == true)).ToList());
}

/// <summary>A booking as the shop and the organiser see it.</summary>
internal sealed record BookingResponse(
    Guid SlotId, Guid ClinicId, string ClinicTitle, ClinicTopic Topic, string MentorName, Guid ExhibitionId, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, Guid ShopId, DateTimeOffset BookedAt, string? FollowUpNote, DateTimeOffset? FollowUpAt);
