using System.Collections.Concurrent;
using Marketplace.Catalog.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Catalog.Tests;

/// <summary>An in-process consumer of Catalog events, as the Search module will be, to see what was delivered.</summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<IntegrationEvent> _events = new();

    public IReadOnlyList<IntegrationEvent> All => _events.ToList();

    public IReadOnlyList<T> Of<T>() => _events.OfType<T>().ToList();

    public void Register(IServiceCollection services)
    {
        services.AddSingleton<IIntegrationEventHandler<ProductPublished>>(new Handler<ProductPublished>(this));
        services.AddSingleton<IIntegrationEventHandler<ProductUpdated>>(new Handler<ProductUpdated>(this));
        services.AddSingleton<IIntegrationEventHandler<ProductUnpublished>>(new Handler<ProductUnpublished>(this));
        services.AddSingleton<IIntegrationEventHandler<ProductDeleted>>(new Handler<ProductDeleted>(this));
        services.AddSingleton<IIntegrationEventHandler<ProductStockChanged>>(new Handler<ProductStockChanged>(this));
        services.AddSingleton<IIntegrationEventHandler<ShopChanged>>(new Handler<ShopChanged>(this));
    }

    private sealed class Handler<T>(EventRecorder recorder) : IIntegrationEventHandler<T>
        where T : IntegrationEvent
    {
        public Task HandleAsync(T integrationEvent, CancellationToken cancellationToken)
        {
            recorder._events.Enqueue(integrationEvent);
            return Task.CompletedTask;
        }
    }
}
