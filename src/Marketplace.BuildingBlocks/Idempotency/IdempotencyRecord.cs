using Microsoft.EntityFrameworkCore;

namespace Marketplace.BuildingBlocks.Idempotency;

/// <summary>
/// A user's <c>Idempotency-Key</c> for one endpoint of a module: the hash of the request it came with and, once the
/// request succeeded, the response to replay. Written in the same transaction as the work it guards, so the key exists
/// exactly when the work does.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid UserId { get; set; }

    public string Key { get; set; } = "";

    public string RequestHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null while the work is committed but its response is not final yet (a card payment being started).</summary>
    public int? StatusCode { get; set; }

    public string? ResponseJson { get; set; }
}

public static class IdempotencyModelBuilderExtensions
{
    public const int MaxKeyLength = 100;

    /// <summary>Maps the module's idempotency keys to <paramref name="table"/>, keyed by user and key.</summary>
    public static ModelBuilder AddIdempotencyKeys(this ModelBuilder modelBuilder, string table)
    {
        modelBuilder.Entity<IdempotencyRecord>(b =>
        {
            b.ToTable(table);
            b.HasKey(r => new { r.UserId, r.Key });
            b.Property(r => r.Key).HasMaxLength(MaxKeyLength);
            b.Property(r => r.RequestHash).HasMaxLength(64);
        });
        return modelBuilder;
    }
}
