namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// The cluster did not serve the request and a later attempt may succeed: connection refused, timeout, 429 (a full
/// thread-pool queue or circuit breaker), 5xx, all shards failed for lack of a shard copy, or a red cluster.
/// </summary>
internal sealed class ElasticsearchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The cluster refused the request itself (a 4xx other than 429): retrying the same request will not help.</summary>
internal sealed class ElasticsearchRequestException(int status, string? errorType, string? reason, string request)
    : Exception($"Elasticsearch answered {status} to {request}: {errorType}: {reason}")
{
    public int Status { get; } = status;

    /// <summary>Elasticsearch's <c>error.type</c>, e.g. <c>resource_already_exists_exception</c>.</summary>
    public string? ErrorType { get; } = errorType;

    public string? Reason { get; } = reason;
}

/// <summary>One failed item of a <c>_bulk</c> answer.</summary>
internal sealed record BulkItemFailure(string Action, string? Index, string? Id, int Status, string? ErrorType, string? Reason)
{
    /// <summary>429 (queue full) and 5xx items succeed on a later attempt; others (a mapping error) need a fix.</summary>
    public bool Retryable => Status == 429 || Status >= 500;

    public override string ToString() => $"{Action} {Id} into {Index}: {Status} {ErrorType}: {Reason}";
}
