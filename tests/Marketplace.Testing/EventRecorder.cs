using System.Collections.Concurrent;
using Marketplace.SharedKernel.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Testing;

/// <summary>
/// The one recorder of integration events: an in-process consumer, registered like any module's handler, that keeps
/// every event of the kinds it was asked to record, so a test sees what the outbox actually delivered.
/// </summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<IntegrationEvent> _events = new();

    public IReadOnlyList<IntegrationEvent> All => _events.ToList();

    public IReadOnlyList<T> Of<T>() => _events.OfType<T>().ToList();

    /// <summary>Registers a handler for each of <paramref name="eventTypes"/> (types derived from <see cref="IntegrationEvent"/>).</summary>
    public void Register(IServiceCollection services, params Type[] eventTypes)
    {
        foreach (var type in eventTypes)
        {
            if (!typeof(IntegrationEvent).IsAssignableFrom(type) || type.IsAbstract)
            {
                throw new ArgumentException($"{type.Name} is not an integration event.", nameof(eventTypes));
            }

            var handlerType = typeof(IIntegrationEventHandler<>).MakeGenericType(type);
            var handler = Activator.CreateInstance(typeof(Handler<>).MakeGenericType(type), this)!;
            services.AddSingleton(handlerType, handler);
        }
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
