using Marketplace.BuildingBlocks.Persistence;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.BuildingBlocks.Outbox;

/// <summary>
/// Integration events built when the changes are saved rather than when they are queued, so an event can carry what
/// only the save decides (an entity's new <see cref="IVersioned.Version"/>). Built and added to the outbox by the store's
/// interceptor, inside the same SaveChanges, so they still commit with the change. Kept in the context's
/// <see cref="ModuleContextState"/>, which is cleared when a pooled context is returned.
/// </summary>
internal static class DeferredIntegrationEvents
{
    public static void Add(DbContext db, Func<IntegrationEvent> build)
    {
        // Without UseMarketplaceStore's interceptor nothing would ever build the event: fail loudly instead of losing it.
        var state = ModuleContextState.Of(db)
            ?? throw new InvalidOperationException($"{db.GetType().Name} is not configured with UseMarketplaceStore; events built when saved need it.");
        state.DeferredEvents.Add(build);
    }

    public static void Flush(DbContext db)
    {
        if (ModuleContextState.Of(db) is not { DeferredEvents: { Count: > 0 } builds })
        {
            return;
        }

        foreach (var build in builds)
        {
            db.AddIntegrationEvent(build());
        }

        builds.Clear();
    }
}
