using System.Runtime.CompilerServices;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Marketplace.BuildingBlocks.Outbox;

/// <summary>
/// Integration events built when the changes are saved rather than when they are queued, so an event can carry what
/// only the save decides (an entity's new <see cref="IVersioned.Version"/>). Built and added to the outbox by the store's
/// interceptor, inside the same SaveChanges, so they still commit with the change.
/// </summary>
internal static class DeferredIntegrationEvents
{
    private static readonly ConditionalWeakTable<DbContext, List<Func<IntegrationEvent>>> Pending = [];

    public static void Add(DbContext db, Func<IntegrationEvent> build)
    {
        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
        if (!interceptors.OfType<VersioningInterceptor>().Any())
        {
            // Without the interceptor nothing would ever build the event: fail loudly instead of losing it.
            throw new InvalidOperationException($"{db.GetType().Name} is not configured with UseMarketplaceStore; events built when saved need it.");
        }

        Pending.GetOrCreateValue(db).Add(build);
    }

    public static void Flush(DbContext db)
    {
        if (!Pending.TryGetValue(db, out var builds) || builds.Count == 0)
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
