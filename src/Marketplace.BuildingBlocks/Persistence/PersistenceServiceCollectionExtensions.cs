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
    /// A module's DbContext: a new context per scope, its options built once. <c>AddDbContext</c>'s default rebuilds the
    /// options (provider, interceptors, service replacements) for every context, and EF then looks its internal service
    /// provider up again from them: in a checkout that touches five modules' contexts this was a tenth of the CPU time.
    /// <paramref name="configure"/> must therefore use singletons only (options, clocks, interceptors).
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
        where TContext : DbContext =>
        services.AddDbContext<TContext>(configure, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
}
