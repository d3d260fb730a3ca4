using Marketplace.BuildingBlocks.Idempotency;
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
}
