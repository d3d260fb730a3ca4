using System.Net;
using System.Runtime.InteropServices;
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
            // Each attempt and the whole operation are bounded by Media:S3:Timeout (see BoundedAsync).
            Timeout = _options.Timeout,
            MaxErrorRetry = 3,
        });
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct) =>
        BoundedAsync("put", key, async token =>
        {
            await EnsureBucketAsync(token);
            // Over the caller's array when there is one (every caller has), not a copy of it.
            using var body = MemoryMarshal.TryGetArray(content, out var array)
                ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            var request = Put(key, contentType);
            request.InputStream = body;
            await _client.PutObjectAsync(request, token);
            return true;
        }, ct);

    /// <summary>
    /// Streams the file to the bucket: the SDK reads it twice (the payload's signature, then the body) in small buffers,
    /// so a 10 MB upload costs no 10 MB of memory. A retry reopens it from the start.
    /// </summary>
    public Task PutFileAsync(string key, string path, string contentType, CancellationToken ct) =>
        BoundedAsync("put", key, async token =>
        {
            await EnsureBucketAsync(token);
            var request = Put(key, contentType);
            request.FilePath = path;
            await _client.PutObjectAsync(request, token);
            return true;
        }, ct);

    private PutObjectRequest Put(string key, string contentType) => new()
    {
        BucketName = _options.Bucket,
        Key = key,
        ContentType = contentType,
        UseChunkEncoding = false,
        Headers = { CacheControl = key.StartsWith("incoming/", StringComparison.Ordinal) ? "private, no-store" : Serving.VariantCaching.CacheControl },
    };

    public Task<StoredObject?> GetAsync(string key, CancellationToken ct) =>
        BoundedAsync("get", key, async token =>
        {
            try
            {
                using var response = await _client.GetObjectAsync(_options.Bucket, key, token);
                using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
                await response.ResponseStream.CopyToAsync(buffer, token);
                return new StoredObject(null, buffer.ToArray());
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return (StoredObject?)null;
            }
        }, ct);

    public Task DeleteAsync(string key, CancellationToken ct) =>
        BoundedAsync("delete", key, async token =>
        {
            try
            {
                await _client.DeleteObjectAsync(_options.Bucket, key, token);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                // Already gone (S3 itself answers 204 either way; some compatible servers say 404).
            }

            return true;
        }, ct);

    public bool DirectUrlsExpire => _options.UrlMode == MediaUrlMode.Signed;

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
            return await BoundedAsync("location", "", async token =>
            {
                await EnsureBucketAsync(token);
                // The bucket's location: the lightest request every S3-compatible server answers (s3rver fails
                // ListObjectsV2 with a 500, which made readiness say degraded while the bucket was fine).
                await _client.GetBucketLocationAsync(_options.Bucket, token);
                return true;
            }, ct);
        }
        catch (MediaStoreUnavailableException)
        {
            return false;
        }

        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The health check's own deadline.
            return false;
        }
    }

    /// <summary>
    /// Runs one store operation under <see cref="S3StoreOptions.Timeout"/>. A bucket that does not answer in time, refuses
    /// the connection or answers 5xx becomes <see cref="MediaStoreUnavailableException"/>; the caller's own cancellation
    /// (the client went away) stays a cancellation, and a 4xx (wrong keys, no such bucket) stays what it is: a
    /// configuration fault, not an outage. <c>WaitAsync</c> as well as the token: the request is released on time even if
    /// the SDK is slow to notice the cancellation.
    /// </summary>
    private async Task<T> BoundedAsync<T>(string operation, string key, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            return await call(timeout.Token).WaitAsync(_options.Timeout, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && IsOutage(ex))
        {
            throw new MediaStoreUnavailableException($"The S3 store did not complete '{operation} {key}' within {_options.Timeout.TotalSeconds:0.#} s.", ex);
        }
    }

    private static bool IsOutage(Exception ex) => ex switch
    {
        AmazonServiceException { StatusCode: var status } when status is > 0 and < HttpStatusCode.InternalServerError => false,
        TimeoutException or OperationCanceledException or HttpRequestException or IOException or System.Net.Sockets.SocketException => true,
        AmazonServiceException or AmazonClientException => true, // 5xx, or no answer at all
        _ => false,
    };

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
