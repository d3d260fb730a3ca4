using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Marketplace.Media.Storage;

/// <summary>
/// Blobs in an S3-compatible bucket (AWS S3, MinIO, s3rver, …), shared by every API instance. Objects are written with
/// their content type and an immutable cache header, so a public bucket or a CDN can serve them as the API does.
/// </summary>
internal sealed class S3MediaStore : IMediaStore, IDisposable
{
    private readonly S3StoreOptions _options;
    private readonly AmazonS3Client _client;
    private readonly SemaphoreSlim _bucketGate = new(1, 1);
    private volatile bool _bucketReady;

    public S3MediaStore(IOptions<MediaOptions> options)
    {
        _options = options.Value.S3;
        _client = new AmazonS3Client(new BasicAWSCredentials(_options.AccessKey, _options.SecretKey), new AmazonS3Config
        {
            ServiceURL = _options.ServiceUrl,
            ForcePathStyle = _options.ForcePathStyle,
            AuthenticationRegion = _options.Region,
            // The SDK's default (since 4.0) adds CRC trailers in aws-chunked bodies, which not every S3-compatible
            // server understands; the signature already protects the payload.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 3,
        });
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct)
    {
        await EnsureBucketAsync(ct);
        using var body = new MemoryStream(content.ToArray(), writable: false);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = key,
            InputStream = body,
            ContentType = contentType,
            UseChunkEncoding = false,
            Headers = { CacheControl = key.StartsWith("incoming/", StringComparison.Ordinal) ? "private, no-store" : Serving.VariantCaching.CacheControl },
        }, ct);
    }

    public async Task<StoredObject?> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            using var response = await _client.GetObjectAsync(_options.Bucket, key, ct);
            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(buffer, ct);
            return new StoredObject(null, buffer.ToArray());
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        try
        {
            await _client.DeleteObjectAsync(_options.Bucket, key, ct);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone (S3 itself answers 204 either way; some compatible servers say 404).
        }
    }

    public string? DirectUrl(string key) => _options.UrlMode switch
    {
        MediaUrlMode.Public => _options.PublicBaseUrl.TrimEnd('/') + "/" + key,
        MediaUrlMode.Signed => _client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = _options.Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.Add(_options.SignedUrlLifetime),
            Protocol = _options.ServiceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
        }),
        _ => null,
    };

    /// <summary>Readiness: the bucket answers.</summary>
    public async Task<bool> CanReachAsync(CancellationToken ct)
    {
        try
        {
            await EnsureBucketAsync(ct);
            await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _options.Bucket, MaxKeys = 1 }, ct);
            return true;
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or IOException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task EnsureBucketAsync(CancellationToken ct)
    {
        if (_bucketReady || !_options.CreateBucket)
        {
            return;
        }

        await _bucketGate.WaitAsync(ct);
        try
        {
            if (_bucketReady)
            {
                return;
            }

            try
            {
                await _client.PutBucketAsync(new PutBucketRequest { BucketName = _options.Bucket }, ct);
            }
            catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists" || ex.StatusCode == HttpStatusCode.Conflict)
            {
                // Another instance (or an earlier run) created it.
            }

            _bucketReady = true;
        }
        finally
        {
            _bucketGate.Release();
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _bucketGate.Dispose();
    }
}
