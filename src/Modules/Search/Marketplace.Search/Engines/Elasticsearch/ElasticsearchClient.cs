using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// The cluster did not serve the request and a later attempt may succeed: connection refused, timeout, 429 (a full
/// thread-pool queue or circuit breaker), 5xx, all shards failed for lack of a shard copy, or a red cluster.
/// </summary>
internal sealed class ElasticsearchUnavailableException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>What the cluster asked for (a <c>Retry-After</c> header), if anything.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>The cluster refused the request itself (a 4xx other than 429): retrying the same request will not help.</summary>
internal sealed class ElasticsearchRequestException(int status, string? errorType, string? reason, string method, string path)
    : Exception($"Elasticsearch answered {status} to {method} {path}: {errorType}: {reason}")
{
    public int Status { get; } = status;

    /// <summary>Elasticsearch's <c>error.type</c>, e.g. <c>resource_already_exists_exception</c>.</summary>
    public string? ErrorType { get; } = errorType;

    public string? Reason { get; } = reason;
}

/// <summary>A successful answer: the status and the parsed JSON body (null for HEAD or an empty body).</summary>
internal readonly record struct ElasticsearchAnswer(int Status, JsonNode? Body);

/// <summary>
/// The REST transport: one <see cref="HttpClient"/> (from the factory, so connections are pooled), authentication,
/// per-request timeouts and the mapping of Elasticsearch's error bodies to two exceptions — "unavailable, retry later"
/// and "request refused". Everything above it speaks JSON nodes.
/// </summary>
internal sealed class ElasticsearchClient
{
    public const string HttpClientName = "elasticsearch";

    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    // The bulk API requires newline-delimited JSON (and Elasticsearch 8 accepts application/x-ndjson; so does OpenSearch 2).
    private static readonly MediaTypeHeaderValue NdjsonType = new("application/x-ndjson") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly ElasticsearchOptions _options;

    public ElasticsearchClient(IHttpClientFactory factory, IOptions<SearchOptions> options)
    {
        _options = options.Value.Elasticsearch;
        _http = factory.CreateClient(HttpClientName);
    }

    /// <summary>Configures the named client: base address, authentication, no client-wide timeout (each call sets its own).</summary>
    public static void Configure(HttpClient http, ElasticsearchOptions options)
    {
        var url = options.Url;
        http.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", options.ApiKey);
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
    }

    public ElasticsearchOptions Options => _options;

    public Task<ElasticsearchAnswer> SendJsonAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, params int[] acceptedStatuses) =>
        SendAsync(method, path, body is null ? null : Content(body.ToJsonString(), JsonType), _options.RequestTimeout, cancellationToken, acceptedStatuses);

    public Task<ElasticsearchAnswer> SendNdjsonAsync(string path, string ndjson, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, Content(ndjson, NdjsonType), _options.BulkTimeout, cancellationToken, []);

    private static ByteArrayContent Content(string text, MediaTypeHeaderValue type)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = type;
        return content;
    }

    /// <param name="acceptedStatuses">Non-2xx statuses the caller handles itself (e.g. 404 when probing an alias).</param>
    private async Task<ElasticsearchAnswer> SendAsync(
        HttpMethod method, string path, HttpContent? content, TimeSpan timeout, CancellationToken cancellationToken, int[] acceptedStatuses)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            text = await response.Content.ReadAsStringAsync(deadline.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ElasticsearchUnavailableException($"Elasticsearch did not answer {method} {path} within {timeout.TotalSeconds:0.#} s.", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ElasticsearchUnavailableException($"Elasticsearch could not be reached for {method} {path}: {ex.Message}", inner: ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            JsonNode? body = null;
            if (text.Length > 0)
            {
                try
                {
                    body = JsonNode.Parse(text);
                }
                catch (JsonException) when (status >= 500 || status == 429)
                {
                    // A proxy in front of the cluster (nginx, a cloud load balancer) answers with HTML; still unavailable.
                }
                catch (JsonException ex)
                {
                    throw new ElasticsearchUnavailableException($"Elasticsearch answered {method} {path} with a body that is not JSON ({status}).", inner: ex);
                }
            }

            if (response.IsSuccessStatusCode || acceptedStatuses.Contains(status))
            {
                return new ElasticsearchAnswer(status, body);
            }

            var (type, reason) = ReadError(body);
            if (status == (int)HttpStatusCode.TooManyRequests || status >= 500)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta;
                throw new ElasticsearchUnavailableException(
                    $"Elasticsearch answered {status} to {method} {path}: {type}: {reason}", retryAfter);
            }

            throw new ElasticsearchRequestException(status, type, reason, method.Method, path);
        }
    }

    /// <summary>
    /// Reads <c>{"error": {"type", "reason", "root_cause": [...]}, "status"}</c>; older nodes and some proxies put a plain
    /// string in <c>error</c>. The root cause is the more useful reason when there is one.
    /// </summary>
    internal static (string? Type, string? Reason) ReadError(JsonNode? body)
    {
        var error = body?["error"];
        if (error is JsonValue value && value.TryGetValue<string>(out var message))
        {
            return (null, message);
        }

        if (error is not JsonObject errorObject)
        {
            return (null, body?.ToJsonString());
        }

        var type = errorObject["type"]?.GetValue<string>();
        var reason = errorObject["reason"] is JsonValue r && r.TryGetValue<string>(out var text) ? text : null;
        if (errorObject["root_cause"] is JsonArray { Count: > 0 } causes && causes[0] is JsonObject cause)
        {
            var causeType = cause["type"]?.GetValue<string>();
            var causeReason = cause["reason"] is JsonValue cr && cr.TryGetValue<string>(out var t) ? t : null;
            if (causeType != type && causeReason is not null)
            {
                reason = $"{reason} ({causeType}: {causeReason})";
            }
        }

        return (type, reason);
    }
}
