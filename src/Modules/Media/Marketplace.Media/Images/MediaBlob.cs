using Marketplace.Media.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Media.Images;

/// <summary>
/// One uploaded file, stored once however often it is uploaded: its key is the SHA-256 of the uploaded bytes. The
/// original waits in the store under <c>incoming/{hash}</c> until the processor has written the variants
/// (<c>{hash}/{variant}.{webp|jpg}</c>), then it is deleted — the original (with its EXIF, GPS included) is never served.
/// </summary>
internal sealed class MediaBlob
{
    public const int HashLength = 64;

    public string Hash { get; private set; } = "";

    public string SourceFormat { get; private set; } = "";

    public long SourceBytes { get; private set; }

    public MediaImageStatus Status { get; private set; }

    /// <summary>Size of the full variant (after EXIF orientation and down-scaling); 0 while processing.</summary>
    public int Width { get; private set; }

    public int Height { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>A processor's lease: another worker (on any instance) leaves the blob alone until then.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Set when the last image that shows it goes; the sweeper deletes it a grace period later.</summary>
    public DateTimeOffset? UnreferencedSince { get; private set; }

    public static MediaBlob Accepted(string hash, string format, long bytes, DateTimeOffset now) => new()
    {
        Hash = hash,
        SourceFormat = format,
        SourceBytes = bytes,
        Status = MediaImageStatus.Processing,
        CreatedAt = now,
    };

    public void Referenced() => UnreferencedSince = null;

    public void Unreferenced(DateTimeOffset now) => UnreferencedSince ??= now;

    /// <summary>A failed blob uploaded again gets a fresh set of attempts.</summary>
    public void Retry()
    {
        Status = MediaImageStatus.Processing;
        Attempts = 0;
        LastError = null;
    }

    public void Processed(int width, int height, DateTimeOffset now)
    {
        Status = MediaImageStatus.Ready;
        Width = width;
        Height = height;
        ProcessedAt = now;
        ClaimedUntil = null;
        LastError = null;
    }

    public void ProcessingFailed(string error, int maxAttempts)
    {
        LastError = error.Length > 1000 ? error[..1000] : error;
        ClaimedUntil = null;
        if (Attempts >= maxAttempts)
        {
            Status = MediaImageStatus.Failed;
        }
    }

    internal sealed class Configuration : IEntityTypeConfiguration<MediaBlob>
    {
        public void Configure(EntityTypeBuilder<MediaBlob> b)
        {
            b.ToTable("media_blobs");
            b.HasKey(x => x.Hash);
            b.Property(x => x.Hash).HasMaxLength(HashLength);
            b.Property(x => x.SourceFormat).HasMaxLength(20);
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.LastError).HasMaxLength(1000);
            b.HasIndex(x => new { x.Status, x.CreatedAt });
            b.HasIndex(x => x.UnreferencedSince);
        }
    }
}
