using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.BuildingBlocks.Outbox;

public static class OutboxModelBuilderExtensions
{
    /// <summary>Maps <c>{prefix}_outbox</c> and <c>{prefix}_inbox</c> into a module's DbContext.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder, string tablePrefix)
    {
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable(tablePrefix + "_outbox");
            b.HasKey(m => m.Id);
            b.Property(m => m.Type).HasMaxLength(300);
            b.Property(m => m.LastError).HasMaxLength(2000);
            b.HasIndex(m => m.EventId).IsUnique();
            b.HasIndex(m => new { m.ProcessedAt, m.Id });
        });
        modelBuilder.Entity<InboxMessage>(b =>
        {
            b.ToTable(tablePrefix + "_inbox");
            b.HasKey(m => new { m.EventId, m.Consumer });
            b.Property(m => m.Consumer).HasMaxLength(200);
        });
        return modelBuilder;
    }

    /// <summary>Queues an integration event in this context's outbox; it commits with the next SaveChanges.</summary>
    public static void AddIntegrationEvent(this DbContext db, IntegrationEvent integrationEvent) =>
        db.Set<OutboxMessage>().Add(OutboxMessage.From(integrationEvent));

    /// <summary>
    /// True the first time <paramref name="consumer"/> sees <paramref name="eventId"/>; adds the inbox row, which commits
    /// with the consumer's own changes, so "applied" and "recorded as applied" cannot disagree.
    /// </summary>
    public static async Task<bool> TryStartProcessingAsync(this DbContext db, Guid eventId, string consumer, TimeProvider clock, CancellationToken ct)
    {
        var seen = await db.Set<InboxMessage>().AnyAsync(m => m.EventId == eventId && m.Consumer == consumer, ct);
        if (seen)
        {
            return false;
        }

        db.Set<InboxMessage>().Add(new InboxMessage { EventId = eventId, Consumer = consumer, ProcessedAt = clock.GetUtcNow() });
        return true;
    }
}
