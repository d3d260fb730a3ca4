using Marketplace.SharedKernel.Events;

namespace Marketplace.Exhibitions.Contracts;

/// <summary>
/// A shop now exhibits at an exhibition: its booth application was approved. Search tags the shop's products with the
/// exhibition (id and slug) so shoppers can filter by <c>exhibition=</c>.
/// </summary>
public sealed record BoothOpened(Guid ExhibitionId, string ExhibitionSlug, Guid BoothId, Guid ShopId, long Version) : IntegrationEvent;

/// <summary>A shop no longer exhibits there (booth withdrawn or exhibition cancelled).</summary>
public sealed record BoothClosed(Guid ExhibitionId, string ExhibitionSlug, Guid BoothId, Guid ShopId, long Version) : IntegrationEvent;

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
