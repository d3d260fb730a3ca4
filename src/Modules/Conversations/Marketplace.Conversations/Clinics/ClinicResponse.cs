using Marketplace.Catalog.Contracts;

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

/// <summary>A booking as the shop, the organiser and the mentor see it.</summary>
/// <param name="ShopName">The booking shop's name now (empty if the shop is gone).</param>
internal sealed record BookingResponse(
    Guid SlotId, Guid ClinicId, string ClinicTitle, ClinicTopic Topic, string MentorName, Guid ExhibitionId, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, Guid ShopId, string ShopName, DateTimeOffset BookedAt, string? FollowUpNote, DateTimeOffset? FollowUpAt)
{
    /// <summary>The booked slots as bookings, each with its shop's name (looked up once per shop).</summary>
    public static async Task<IReadOnlyList<BookingResponse>> ListAsync(
        IEnumerable<(ClinicSlot Slot, Clinic Clinic)> booked, ICatalogReader catalog, CancellationToken ct)
    {
        var names = new Dictionary<Guid, string>();
        var result = new List<BookingResponse>();
        foreach (var (s, c) in booked)
        {
            var shopId = s.BookedShopId!.Value;
            if (!names.TryGetValue(shopId, out var name))
            {
                name = (await catalog.GetShopAsync(shopId, ct))?.Name ?? "";
                names[shopId] = name;
            }

            result.Add(new(s.Id, c.Id, c.Title, c.Topic, c.MentorName, c.ExhibitionId, s.StartsAt, s.EndsAt, shopId, name, s.BookedAt!.Value,
                s.FollowUpNote, s.FollowUpAt));
        }

        return result;
    }
}
