using Marketplace.SharedKernel.Events;

namespace Marketplace.Exhibitions.Contracts;

/// <summary>
/// A shop now exhibits at an exhibition: its booth application was approved. Search tags the shop's products with the
/// exhibition (id and slug) so shoppers can filter by <c>exhibition=</c>.
/// </summary>
public sealed record BoothOpened(Guid ExhibitionId, string ExhibitionSlug, Guid BoothId, Guid ShopId, long Version) : IntegrationEvent;

/// <summary>A shop no longer exhibits there (booth withdrawn or exhibition cancelled).</summary>
public sealed record BoothClosed(Guid ExhibitionId, string ExhibitionSlug, Guid BoothId, Guid ShopId, long Version) : IntegrationEvent;

/// <summary>A visitor left a lead (question, enquiry, quote or sample request, partnership) at a booth of the shop.</summary>
public sealed record LeadReceived(Guid LeadId, Guid ExhibitionId, Guid BoothId, Guid ShopId, string Kind, DateTimeOffset ReceivedAt) : IntegrationEvent;

/// <summary>What other modules may ask about exhibitors (Search rebuilds its exhibition tags from it on reindex).</summary>
public interface IExhibitorDirectory
{
    /// <summary>The exhibitions (id, slug) at which the shop has an open booth.</summary>
    Task<IReadOnlyList<ExhibitionRef>> GetExhibitionsOfShopAsync(Guid shopId, CancellationToken ct);

    /// <summary>Who runs a booth (its exhibitor, the owner of its shop); null for an unknown booth.</summary>
    Task<BoothOwnership?> GetBoothOwnershipAsync(Guid boothId, CancellationToken ct);

    /// <summary>The organiser of an exhibition; null for an unknown one.</summary>
    Task<Guid?> GetOrganiserOfAsync(Guid exhibitionId, CancellationToken ct);

    /// <summary>The exhibition a booth belongs to and the shop it is for (the Ledger applies an exhibition's commission rate); null if unknown.</summary>
    Task<BoothRef?> FindBoothAsync(Guid boothId, CancellationToken ct);
}

/// <summary>A booth, its shop and the merchant who runs it; <see cref="Open"/> is false once it closed.</summary>
public sealed record BoothOwnership(Guid BoothId, Guid ExhibitionId, Guid ShopId, Guid OwnerId, bool Open);

public sealed record BoothRef(Guid BoothId, Guid ExhibitionId, Guid ShopId);

public sealed record ExhibitionRef(Guid ExhibitionId, string Slug);

/// <summary>
/// The exhibitions' timetable for other modules (Engagement tells followers when an exhibition opens and when a live
/// session at one of its booths starts). Times are instants; windows are half-open: after <c>from</c>, up to and
/// including <c>to</c>, so consecutive windows never report one start twice or miss one.
/// </summary>
public interface IExhibitionSchedule
{
    /// <summary>A published exhibition, or null (unknown or still a draft).</summary>
    Task<ScheduledExhibition?> GetExhibitionAsync(Guid exhibitionId, CancellationToken ct);

    /// <summary>Published exhibitions whose start falls in the window, with their open booths.</summary>
    Task<IReadOnlyList<ExhibitionOpening>> GetOpeningsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>Live sessions of open booths of published exhibitions whose start falls in the window.</summary>
    Task<IReadOnlyList<LiveSessionStart>> GetLiveSessionStartsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

public sealed record ScheduledExhibition(Guid Id, string Slug, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record ExhibitorBooth(Guid BoothId, Guid ShopId, string ShopName);

public sealed record ExhibitionOpening(ScheduledExhibition Exhibition, IReadOnlyList<ExhibitorBooth> Booths);

public sealed record LiveSessionStart(ScheduledExhibition Exhibition, ExhibitorBooth Booth, string Title, DateTimeOffset StartsAt);

/// <summary>
/// Leaves a lead at a booth on a visitor's behalf (a conversation at the booth turned into a request for quote or a
/// sample request). The same rules as the booth's lead form: open booth, running exhibition, the booth's own products.
/// </summary>
public interface IBoothLeads
{
    Task<BoothLeadResult> CreateAsync(BoothLeadIntake intake, CancellationToken ct);
}

/// <param name="Kind"><c>quote</c> or <c>sample</c> (any lead form kind is accepted).</param>
public sealed record BoothLeadIntake(
    Guid BoothId, string Kind, string? Name, string? Contact, string? Message, Guid? ProductId, int? Quantity, string? ShippingCityCode, Guid? VisitorUserId);

/// <summary>The new lead's id, or the refusal (field errors, or a not-found / conflict error) as the form would get it.</summary>
public sealed record BoothLeadResult(Guid? LeadId, IReadOnlyList<Marketplace.SharedKernel.Errors.Error> Errors);
