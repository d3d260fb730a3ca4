using System.Data.Common;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// What this code base keeps about one DbContext beside EF Core's own state: the integration events to build at its next
/// save, and the connection it borrowed from a <see cref="SharedStoreTransaction"/>'s leader.
/// </summary>
/// <remarks>
/// Why it lives in EF Core's per-context service scope (registered by <c>UseMarketplaceStore</c>) and not in a table keyed
/// by context: module contexts are pooled (<c>AddModuleDbContext</c>), so one context instance serves one request after
/// another. EF resets the services of its scope (<see cref="IResettableService"/>) when a context goes back to the pool,
/// so this is cleared with the change tracker: events queued by a request that failed before saving never reach the next
/// request's save, and a context never keeps writing through a connection another request's context owns (EF's own reset
/// leaves a connection the context does not own in place).
/// </remarks>
internal sealed class ModuleContextState(ICurrentDbContext current) : IResettableService
{
    private string? _ownConnectionString;

    public List<Func<IntegrationEvent>> DeferredEvents { get; } = [];

    /// <summary>How many times the context went back to its pool: whoever still holds it from an earlier lease can tell.</summary>
    public int Returns { get; private set; }

    /// <summary>The context's state, or null for a context not configured with <c>UseMarketplaceStore</c>.</summary>
    public static ModuleContextState? Of(DbContext db) =>
        ((IInfrastructure<IServiceProvider>)db).Instance.GetService<ModuleContextState>();

    /// <summary>Makes the context run its commands on <paramref name="connection"/>, which it neither opens for good nor closes for good.</summary>
    public void Borrow(DbConnection connection)
    {
        var database = current.Context.Database;
        _ownConnectionString ??= database.GetConnectionString();
        database.SetDbConnection(connection, contextOwnsConnection: false);
    }

    /// <summary>
    /// Back to a connection of its own (created from its configured connection string at its next command; the
    /// provider's connection pool makes that cheap). Borrowing disposed the one it had.
    /// </summary>
    public void GiveBack()
    {
        if (_ownConnectionString is not { } own)
        {
            return;
        }

        var database = current.Context.Database;
        database.SetDbConnection(null, contextOwnsConnection: true);
        database.SetConnectionString(own);
        _ownConnectionString = null;
    }

    public void ResetState()
    {
        DeferredEvents.Clear();
        GiveBack();
        Returns++;
    }

    public Task ResetStateAsync(CancellationToken cancellationToken = default)
    {
        ResetState();
        return Task.CompletedTask;
    }
}

/// <summary>Adds <see cref="ModuleContextState"/> to EF Core's per-context services.</summary>
internal sealed class ModuleContextStateExtension : IDbContextOptionsExtension
{
    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        services.AddScoped<ModuleContextState>();
        services.AddScoped<IResettableService>(sp => sp.GetRequiredService<ModuleContextState>());
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "ModuleContextState ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["Marketplace:ModuleContextState"] = "1";
    }
}
