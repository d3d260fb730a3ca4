using System.Reflection;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.BuildingBlocks.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>Registers the outbox machinery for one module's DbContext and the events its Contracts declare.</summary>
    public static IServiceCollection AddOutbox<TContext>(this IServiceCollection services, Assembly contractsAssembly)
        where TContext : DbContext
    {
        services.AddIntegrationEventTypes(contractsAssembly);
        services.TryAddSingleton<OutboxSignal<TContext>>();
        services.TryAddSingleton<OutboxSaveChangesInterceptor<TContext>>();
        services.TryAddSingleton<OutboxDispatcher<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher<TContext>>());
        services.AddSingleton<IOutboxDrain>(sp => new OutboxDrain<TContext>(sp.GetRequiredService<OutboxDispatcher<TContext>>()));
        return services;
    }

    public static IServiceCollection AddIntegrationEventTypes(this IServiceCollection services, Assembly contractsAssembly)
    {
        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(IntegrationEventTypes))?.ImplementationInstance as IntegrationEventTypes;
        if (registry is null)
        {
            registry = new IntegrationEventTypes();
            services.AddSingleton(registry);
        }

        registry.RegisterAssembly(contractsAssembly);
        return services;
    }
}

/// <summary>Delivers everything pending now; used by the CLI verbs and by tests that must not sleep.</summary>
public interface IOutboxDrain
{
    Task DrainAsync(CancellationToken ct);
}

internal sealed class OutboxDrain<TContext>(OutboxDispatcher<TContext> dispatcher) : IOutboxDrain
    where TContext : DbContext
{
    public async Task DrainAsync(CancellationToken ct)
    {
        while (await dispatcher.DeliverPendingAsync(ct) > 0)
        {
        }
    }
}
