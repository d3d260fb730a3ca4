using Marketplace.BuildingBlocks.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.BuildingBlocks.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>The request-scoped <see cref="SharedStoreTransaction"/>; every module that takes part registers it (once is kept).</summary>
    public static IServiceCollection AddSharedStoreTransaction(this IServiceCollection services)
    {
        services.TryAddScoped<SharedStoreTransaction>();
        return services;
    }

    /// <summary>The request-scoped <see cref="IdempotentRequest"/> that <c>RequireIdempotencyKey</c> fills in.</summary>
    public static IServiceCollection AddIdempotentRequests(this IServiceCollection services)
    {
        services.TryAddScoped<IdempotentRequest>();
        return services;
    }

    /// <summary>
    /// A module's DbContext, pooled: a scope leases a context from the module's pool and returns it when the scope ends
    /// (EF resets its change tracker, connection and settings; <see cref="ModuleContextState"/> what this code base keeps
    /// per context). Creating and initialising a context per scope was ~9 % of a checkout's CPU and ~18 % of an uncached
    /// product read. The options are built once for the pool, so <paramref name="configure"/> must use singletons only
    /// (options, clocks, interceptors), and the context's only constructor parameter is its options.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
        where TContext : DbContext =>
        services.AddDbContextPool<TContext>(configure, ContextPoolSize);

    /// <summary>Contexts kept per module (more are created under load and disposed when returned to a full pool).</summary>
    private const int ContextPoolSize = 256;
}
