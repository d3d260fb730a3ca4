namespace Marketplace.SharedKernel.Events;

/// <summary>
/// A fact one module tells the others, written to the module's outbox in the same transaction as the change that
/// caused it and delivered at least once. Consumers must therefore be idempotent (each consumer records what it applied in its module's inbox).
/// </summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; }
}

/// <summary>Handles one kind of integration event in-process. Registered in DI; resolved per delivery in a fresh scope.</summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>
/// An event that only reports the latest state of something (a product's stock): a later event with the same
/// <see cref="SupersedingKey"/> from the same module makes an earlier one not yet delivered pointless. The outbox
/// delivers only the last of such events found in one delivery batch and marks the earlier ones delivered. Implement it
/// only when every consumer reads the current state rather than applying each event as a delta.
/// </summary>
public interface ISupersededByLater
{
    string SupersedingKey { get; }
}
