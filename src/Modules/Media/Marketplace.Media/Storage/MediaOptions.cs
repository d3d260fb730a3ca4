namespace Marketplace.Media.Storage;

internal enum MediaStoreKind
{
    /// <summary>Files under <c>DataDirectory/media</c>: the embedded default, one instance.</summary>
    Local,
    /// <summary>An S3-compatible object store shared by every instance.</summary>
    S3,
}

/// <summary>How the variant URLs in API responses are formed.</summary>
internal enum MediaUrlMode
{
    /// <summary><c>/media/{hash}/{variant}</c> on this API: WebP or JPEG by the client's Accept header.</summary>
    Api,
    /// <summary><c>{PublicBaseUrl}/{hash}/{variant}.jpg</c>: a public bucket or a CDN in front of it.</summary>
    Public,
    /// <summary>Pre-signed S3 GET URLs (JPEG) valid for <see cref="S3StoreOptions.SignedUrlLifetime"/>.</summary>
    Signed,
}

/// <summary>Bound from <c>Media</c>.</summary>
internal sealed class MediaOptions
{
    public MediaStoreKind Store { get; set; } = MediaStoreKind.Local;

    /// <summary>Larger uploads get 413.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Refused before decoding (a decompression bomb claims far more).</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    public int MaxSide { get; set; } = 12_000;

    /// <summary>
    /// Images decoded at once in this process (checks in requests and processing together). A 12-megapixel photo
    /// takes ~48 MB decoded; this bounds the memory whatever the number of simultaneous uploads.
    /// </summary>
    public int MaxConcurrentDecodes { get; set; } = 2;

    /// <summary>An image nothing shows any more is deleted this long after (an undo window, and a re-upload finds it).</summary>
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a processor holds a blob before another worker may take it over (crash recovery).</summary>
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxProcessingAttempts { get; set; } = 5;

    public S3StoreOptions S3 { get; set; } = new();
}

internal sealed class S3StoreOptions
{
    /// <summary>e.g. <c>http://127.0.0.1:4569</c> (s3rver, MinIO) or <c>https://s3.ap-southeast-3.amazonaws.com</c>.</summary>
    public string ServiceUrl { get; set; } = "";

    public string Bucket { get; set; } = "";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    public string Region { get; set; } = "us-east-1";

    /// <summary>Bucket in the path (<c>host/bucket/key</c>), as MinIO and s3rver expect; false for virtual-hosted style.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Create the bucket on first use when it does not exist.</summary>
    public bool CreateBucket { get; set; } = true;

    public MediaUrlMode UrlMode { get; set; } = MediaUrlMode.Api;

    public string PublicBaseUrl { get; set; } = "";

    public TimeSpan SignedUrlLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The longest one store operation (the SDK's retries included) may take before it is abandoned: a slow or
    /// unreachable bucket then answers uploads and downloads with 503 <c>media.unavailable</c> instead of holding the request.
    /// Large enough for a 10 MB upload to a store on the same network.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Seconds in the <c>Retry-After</c> header of that 503.</summary>
    public int RetryAfterSeconds { get; set; } = 10;
}
