using System.Text.Json;
using Marketplace.SharedKernel.Events;

namespace Marketplace.BuildingBlocks.Outbox;

/// <summary>An integration event waiting to be delivered, stored in the producing module's own outbox table.</summary>
public sealed class OutboxMessage
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Id { get; private set; }

    public Guid EventId { get; private set; }

    public string Type { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage From(IntegrationEvent integrationEvent) => new()
    {
        EventId = integrationEvent.EventId,
        Type = IntegrationEventTypes.NameOf(integrationEvent.GetType()),
        Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Json),
        OccurredAt = integrationEvent.OccurredAt,
    };
}

/// <summary>A consumer's record that it has applied an event, so a redelivery is recognised and skipped.</summary>
public sealed class InboxMessage
{
    public Guid EventId { get; set; }

    public string Consumer { get; set; } = "";

    public DateTimeOffset ProcessedAt { get; set; }
}
