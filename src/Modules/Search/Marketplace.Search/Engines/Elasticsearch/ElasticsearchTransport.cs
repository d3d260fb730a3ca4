using System.Globalization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Serialization;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using Microsoft.Extensions.Options;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// The official client (<c>Elastic.Clients.Elasticsearch</c>) configured from <c>Search:Elasticsearch:*</c> — one node,
/// API-key or basic authentication, the CA fingerprint, per-request timeouts — and the one place where its answers
/// become our two failures: "unavailable, retry later" (<see cref="ElasticsearchUnavailableException"/>) and "request
/// refused" (<see cref="ElasticsearchRequestException"/>). The client is thread-safe and kept for the process's life.
/// </summary>
internal sealed class ElasticsearchTransport : IDisposable
{
    private readonly ElasticsearchClientSettings _settings;

    public ElasticsearchTransport(IOptions<SearchOptions> options)
    {
        Options = options.Value.Elasticsearch;
        _settings = Settings(Options);
        Client = new ElasticsearchClient(_settings);
    }

    public ElasticsearchClient Client { get; }

    public ElasticsearchOptions Options { get; }

    internal static ElasticsearchClientSettings Settings(ElasticsearchOptions options)
    {
        // Documents (_source) get their own serializer options, made here and handed to nobody else: the client adds
        // its converters to them, and neither that nor the client's request serializer may touch the API's JSON.
        var settings = new ElasticsearchClientSettings(
                new SingleNodePool(new Uri(options.Url)),
                (_, values) => new DefaultSourceSerializer(values, ProductSource.ConfigureJson))
            .RequestTimeout(options.RequestTimeout)
            // One node: nothing to fail over to, and the outbox (writes) or the shopper (searches) retries later.
            .MaximumRetries(0)
            .DisablePing();
        // HTTPS clusters the machine does not trust (Elasticsearch's self-made CA): the client accepts a chain that
        // contains the certificate with this SHA-256 fingerprint. Otherwise the machine's trust store decides.
        if (ElasticsearchSettings.NormalizeFingerprint(options.CertificateFingerprint) is { Length: > 0 } fingerprint)
        {
            settings = settings.CertificateFingerprint(fingerprint);
        }

        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            settings = settings.Authentication(new ApiKey(options.ApiKey));
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            settings = settings.Authentication(new BasicAuthentication(options.Username, options.Password));
        }

        return settings;
    }

    /// <summary>Per-request settings: the timeout (searches and administration, or bulk loads) and statuses the caller handles.</summary>
    public RequestConfiguration Config(bool bulk = false, int? alsoAccept = null) => new()
    {
        RequestTimeout = bulk ? Options.BulkTimeout : Options.RequestTimeout,
        AllowedStatusCodes = alsoAccept is { } status ? [status] : null,
    };

    /// <summary>
    /// Sends one request and returns the answer if it succeeded (or has the status <paramref name="alsoAccept"/>, e.g.
    /// 404 when probing an alias); otherwise throws one of the two failures. A cancelled caller gets
    /// <see cref="OperationCanceledException"/>, as from any other call.
    /// </summary>
    public async Task<TResponse> SendAsync<TResponse>(Func<ElasticsearchClient, Task<TResponse>> send, CancellationToken ct, int? alsoAccept = null, bool bulk = false)
        where TResponse : ElasticsearchResponse
    {
        TResponse response;
        try
        {
            response = await send(Client);
        }
        catch (UnexpectedTransportException ex) when (ex.InnerException is System.Text.Json.JsonException)
        {
            // An answer the client could not read (a proxy's page, a truncated body): not a cluster we can use now.
            throw new ElasticsearchUnavailableException($"Elasticsearch answered with a body that could not be read: {ex.InnerException.Message}", ex);
        }
        catch (UnsupportedProductException ex)
        {
            // The official client talks only to Elasticsearch (it checks the X-elastic-product header): OpenSearch, or a
            // proxy answering in its place, is refused. Reported like an outage: health says why, nothing half-works.
            throw new ElasticsearchUnavailableException("The server at Search:Elasticsearch:Url is not Elasticsearch (the official client refuses other products, e.g. OpenSearch).", ex);
        }

        var details = response.ApiCallDetails;
        var status = details.HttpStatusCode;
        // A 2xx that was read is the caller's to judge (a _bulk with item errors is "not valid" to the client).
        if (response.IsValidResponse || (status is { } s && (s == alsoAccept || (s is >= 200 and < 300 && details.OriginalException is null))))
        {
            return response;
        }

        var request = $"{details.HttpMethod.ToString().ToUpperInvariant()} {details.Uri?.AbsolutePath}";
        if (status is null)
        {
            ct.ThrowIfCancellationRequested();
            var timeout = bulk ? Options.BulkTimeout : Options.RequestTimeout;
            throw IsTimeout(details.OriginalException)
                ? new ElasticsearchUnavailableException(string.Create(CultureInfo.InvariantCulture, $"Elasticsearch did not answer {request} within {timeout.TotalSeconds:0.#} s."), details.OriginalException)
                : new ElasticsearchUnavailableException($"Elasticsearch could not be reached for {request}: {Innermost(details.OriginalException)?.Message}", details.OriginalException);
        }

        var (type, reason) = ReadError(response.ElasticsearchServerError);
        if (status == 429 || status >= 500)
        {
            throw new ElasticsearchUnavailableException($"Elasticsearch answered {status} to {request}: {type}: {reason}", details.OriginalException);
        }

        if (status is >= 200 and < 300)
        {
            // A success status with a body the client could not read (a proxy's HTML page, a truncated answer).
            throw new ElasticsearchUnavailableException($"Elasticsearch answered {request} with a body that could not be read ({status}).", details.OriginalException);
        }

        throw new ElasticsearchRequestException(status.Value, type, reason, request);
    }

    private static bool IsTimeout(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or OperationCanceledException || e is TransportException { FailureReason: PipelineFailure.MaxTimeoutReached })
            {
                return true;
            }
        }

        return false;
    }

    private static Exception? Innermost(Exception? ex)
    {
        // The transport wraps the socket error (connection refused, TLS refused) in its own exceptions.
        while (ex?.InnerException is not null && ex is TransportException or HttpRequestException or AggregateException)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    /// <summary>
    /// <c>{"error": {"type", "reason", "root_cause": [...]}, "status"}</c>; the root cause is the more useful reason
    /// when it differs. (Older nodes and proxies put a plain string in <c>error</c>: the client keeps it as the reason.)
    /// </summary>
    internal static (string? Type, string? Reason) ReadError(ElasticsearchServerError? error)
    {
        if (error?.Error is not { } cause)
        {
            return (null, null);
        }

        var reason = cause.Reason;
        if (cause.RootCause is { Count: > 0 } roots && roots.First() is { } root && root.Type != cause.Type && root.Reason is not null)
        {
            reason = $"{reason} ({root.Type}: {root.Reason})";
        }

        return (cause.Type, reason);
    }

    public void Dispose() => ((IDisposable)_settings).Dispose();
}
