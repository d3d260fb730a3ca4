namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// An entity whose <see cref="Version"/> (its optimistic-concurrency token and the basis of its ETag) and
/// <see cref="UpdatedAt"/> are kept by the store, not by its callers: every SaveChanges in which the entity, or a member
/// of one of its collections, was added, changed or removed bumps the version by one and stamps the time (see
/// <c>UseMarketplaceStore</c>). Map <see cref="Version"/> as a concurrency token so two writers cannot both win.
/// </summary>
public interface IVersioned
{
    long Version { get; }

    DateTimeOffset UpdatedAt { get; }
}
