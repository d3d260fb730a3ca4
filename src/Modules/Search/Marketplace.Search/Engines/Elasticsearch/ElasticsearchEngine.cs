using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Search.Analysis;
using Microsoft.Extensions.Logging;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// <see cref="ISearchEngine"/> over Elasticsearch's REST API (8/9; OpenSearch 2 speaks the same subset).
/// <para>
/// Names: searches and writes go through the alias <c>{prefix}products</c>, which points at one concrete index
/// <c>{prefix}products-{timestamp}</c>. A rebuild creates a new concrete index, loads it, and moves the alias in one
/// <c>_aliases</c> call, then deletes the old index. While a rebuild runs (in this process or in the <c>reindex</c>
/// verb's), the new index also carries the marker alias <c>{prefix}products-rebuilding</c>; live writes go to both
/// the alias and the marked index, so a change made during the rebuild is not lost at the swap.
/// </para>
/// <para>
/// Failures: unreachable, timeout, 429, 5xx, shard failures and a missing index throw
/// <see cref="SearchEngineUnavailableException"/> (503 at the API; the outbox retries the event later). A refused
/// request (4xx) is a bug in this adapter and throws <see cref="ElasticsearchRequestException"/>.
/// </para>
/// </summary>
internal sealed partial class ElasticsearchEngine : ISearchEngine
{
    /// <summary>How long the answer to "is a rebuild running?" is reused by live writes.</summary>
    internal static readonly TimeSpan RebuildMarkerCacheTime = TimeSpan.FromSeconds(1);

    private readonly ElasticsearchClient _client;
    private readonly SynonymList _synonyms;
    private readonly TimeProvider _clock;
    private readonly ILogger<ElasticsearchEngine> _logger;
    private readonly SemaphoreSlim _markerLock = new(1, 1);
    // A reference, swapped whole, so the lock-free read in RebuildTargetsAsync never sees half an update.
    private volatile RebuildTargetsSeen? _rebuildTargets;

    // Set once the alias is known to exist; cleared when the cluster says the index is missing. Every call ensures the
    // index first when it is not set, so an engine that was down at start-up creates its index on first use.
    private volatile bool _indexReady;

    // This instance created the live index just now, empty: it should be filled from the store (NeedsRebuildAsync).
    private volatile bool _createdEmpty;

    public ElasticsearchEngine(ElasticsearchClient client, SynonymList synonyms, TimeProvider clock, ILogger<ElasticsearchEngine> logger)
    {
        _client = client;
        _synonyms = synonyms;
        _clock = clock;
        _logger = logger;
        var prefix = client.Options.IndexPrefix;
        Alias = prefix + "products";
        RebuildMarker = prefix + "products-rebuilding";
    }

    public string Name => "elasticsearch";

    /// <summary>The alias every search and live write goes through.</summary>
    public string Alias { get; }

    /// <summary>Alias on the index a rebuild is loading (absent when none is).</summary>
    public string RebuildMarker { get; }

    /// <summary>The first index, created when the alias does not exist yet. A fixed name, so two instances starting at once create one index, not two.</summary>
    public string InitialIndex => Alias + "-initial";

    public Task EnsureIndexAsync(CancellationToken ct) => Translate(() => EnsureAliasAsync(ct));

    private async Task EnsureAliasAsync(CancellationToken ct)
    {
        var existing = await _client.SendJsonAsync(HttpMethod.Get, $"_alias/{Alias}", null, ct, 404);
        if (existing.Status == 200)
        {
            _indexReady = true;
            await WarnIfStaleAsync(ct);
            return;
        }

        try
        {
            var body = ElasticsearchIndexDefinition.Build(_synonyms, Shards, Replicas, Alias, forBulkLoad: false);
            await _client.SendJsonAsync(HttpMethod.Put, InitialIndex, body, ct);
            _createdEmpty = true;
            LogCreated(_logger, InitialIndex, Alias);
        }
        catch (ElasticsearchRequestException ex) when (ex.ErrorType == "resource_already_exists_exception")
        {
            // Another instance created it a moment ago — or the alias was removed from it by hand: put it back.
            var again = await _client.SendJsonAsync(HttpMethod.Get, $"_alias/{Alias}", null, ct, 404);
            if (again.Status == 404)
            {
                await _client.SendJsonAsync(HttpMethod.Post, "_aliases", new JsonObject
                {
                    ["actions"] = new JsonArray(new JsonObject { ["add"] = new JsonObject { ["index"] = InitialIndex, ["alias"] = Alias } }),
                }, ct);
            }
        }

        _indexReady = true;
    }

    /// <summary>
    /// True once, after this instance created the index empty (first start on Elasticsearch, or the index was lost):
    /// the service then fills it from the store. Only the instance whose <c>PUT</c> succeeded says so, so two
    /// instances starting together do not both rebuild. An index built with another mapping or synonym list is only
    /// reported (logged at start-up): several instances rebuilding at once would fight over the rebuild marker, so
    /// that is the <c>reindex</c> verb's job (run once per deployment).
    /// </summary>
    public Task<bool> NeedsRebuildAsync(CancellationToken ct)
    {
        var created = _createdEmpty;
        _createdEmpty = false;
        return Task.FromResult(created);
    }

    private Task EnsureReadyAsync(CancellationToken ct) => _indexReady ? Task.CompletedTask : EnsureAliasAsync(ct);

    /// <summary>Replicas of a live index (<c>Search:Elasticsearch:Replicas</c>; a rebuild loads without and adds them at the swap).</summary>
    private int Replicas => _client.Options.Replicas;

    private int Shards => _client.Options.Shards;

    private async Task WarnIfStaleAsync(CancellationToken ct)
    {
        var mapping = await _client.SendJsonAsync(HttpMethod.Get, $"{Alias}/_mapping", null, ct);
        foreach (var (index, definition) in mapping.Body?.AsObject() ?? [])
        {
            var meta = definition?["mappings"]?["_meta"];
            var schema = meta?["schemaVersion"]?.GetValue<int>();
            var synonyms = meta?["synonymsHash"]?.GetValue<string>();
            if (schema != ElasticsearchIndexDefinition.SchemaVersion || synonyms != ElasticsearchIndexDefinition.SynonymsHash(_synonyms))
            {
                // Analysis settings are fixed when an index is created: a new synonym list needs a rebuild.
                LogStale(_logger, index);
            }
        }
    }

    public Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct) =>
        documents.Count == 0 ? Task.CompletedTask : WriteLiveAsync(documents, [], ct);

    public Task DeleteAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct) =>
        productIds.Count == 0 ? Task.CompletedTask : WriteLiveAsync([], productIds, ct);

    private Task WriteLiveAsync(IReadOnlyCollection<SearchDocument> upserts, IReadOnlyCollection<Guid> deletes, CancellationToken ct) =>
        Translate(async () =>
        {
            await EnsureReadyAsync(ct);
            var targets = new List<BulkTarget> { new(Alias, IsAlias: true) };
            targets.AddRange((await RebuildTargetsAsync(ct)).Select(index => new BulkTarget(index, IsAlias: false)));
            await BulkAsync(ElasticsearchRequests.Bulk(targets, upserts, deletes), ct);
        });

    internal async Task BulkAsync(string ndjson, CancellationToken ct)
    {
        var answer = await _client.SendNdjsonAsync("_bulk", ndjson, ct);
        var failures = ElasticsearchResponses.BulkFailures(answer.Body);
        if (failures.Count == 0)
        {
            return;
        }

        var summary = $"{failures.Count} bulk item(s) failed, e.g. {failures[0]}";
        if (failures.Any(f => f.ErrorType == "index_not_found_exception"))
        {
            _indexReady = false;
        }

        if (failures.All(f => f.Retryable || f.ErrorType == "index_not_found_exception"))
        {
            throw new ElasticsearchUnavailableException(summary);
        }

        // A refused document (mapping conflict, …): throwing keeps the event in the outbox, retried and visible in the logs.
        throw new ElasticsearchRequestException(failures.First(f => !f.Retryable).Status, failures[0].ErrorType, summary, "POST", "_bulk");
    }

    /// <summary>Indices a rebuild is loading (usually none); looked up at most once a second.</summary>
    private async Task<IReadOnlyList<string>> RebuildTargetsAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        if (_rebuildTargets is { } cached && now - cached.CheckedAt < RebuildMarkerCacheTime)
        {
            return cached.Indices;
        }

        await _markerLock.WaitAsync(ct);
        try
        {
            if (_rebuildTargets is { } again && now - again.CheckedAt < RebuildMarkerCacheTime)
            {
                return again.Indices;
            }

            var answer = await _client.SendJsonAsync(HttpMethod.Get, $"_alias/{RebuildMarker}", null, ct, 404);
            IReadOnlyList<string> indices = answer.Status == 200 && answer.Body is JsonObject owners ? [.. owners.Select(o => o.Key)] : [];
            _rebuildTargets = new RebuildTargetsSeen(_clock.GetUtcNow(), indices);
            return indices;
        }
        finally
        {
            _markerLock.Release();
        }
    }

    internal void ForgetRebuildTargets() => _rebuildTargets = null;

    public Task RefreshAsync(CancellationToken ct) =>
        Translate(async () =>
        {
            await EnsureReadyAsync(ct);
            await _client.SendJsonAsync(HttpMethod.Post, $"{Alias}/_refresh", null, ct);
        });

    public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct) =>
        Translate(async () =>
        {
            await EnsureReadyAsync(ct);
            var answer = await _client.SendJsonAsync(
                HttpMethod.Post, $"{Alias}/_search?allow_partial_search_results=false", ElasticsearchRequests.Search(query, _synonyms), ct);
            return ElasticsearchResponses.Search(CheckShards(answer.Body!));
        });

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken ct) =>
        Translate(async () =>
        {
            if (string.IsNullOrWhiteSpace(query.Prefix))
            {
                return (IReadOnlyList<Suggestion>)[];
            }

            await EnsureReadyAsync(ct);
            var answer = await _client.SendJsonAsync(
                HttpMethod.Post, $"{Alias}/_search?allow_partial_search_results=false", ElasticsearchRequests.Suggest(query), ct);
            return ElasticsearchResponses.Suggestions(CheckShards(answer.Body!));
        });

    private static JsonNode CheckShards(JsonNode body) =>
        ElasticsearchResponses.ShardFailure(body) is { } failure ? throw new ElasticsearchUnavailableException(failure) : body;

    public async Task<SearchEngineHealth> CheckHealthAsync(CancellationToken ct)
    {
        try
        {
            var answer = await _client.SendJsonAsync(HttpMethod.Get, "_cluster/health", null, ct);
            var status = answer.Body?["status"]?.GetValue<string>() ?? "unknown";
            var nodes = answer.Body?["number_of_nodes"]?.GetValue<int>() ?? 0;
            // Yellow (replicas unassigned) still serves every search; red means some primary shard is missing.
            if (status is not ("green" or "yellow"))
            {
                return new SearchEngineHealth(false, string.Create(CultureInfo.InvariantCulture, $"Elasticsearch cluster {status}, {nodes} node(s)."));
            }

            var alias = await _client.SendJsonAsync(HttpMethod.Get, $"_alias/{Alias}", null, ct, 404);
            if (alias.Status == 404)
            {
                return new SearchEngineHealth(false, $"Elasticsearch cluster {status}, but the index alias {Alias} is missing (it is created on the next use; run `reindex` to fill it).");
            }

            var indices = string.Join(", ", (alias.Body as JsonObject ?? []).Select(i => i.Key));
            return new SearchEngineHealth(true, string.Create(CultureInfo.InvariantCulture, $"Elasticsearch cluster {status}, {nodes} node(s), alias {Alias} → {indices}."));
        }
        catch (Exception ex) when (ex is ElasticsearchUnavailableException or ElasticsearchRequestException)
        {
            return new SearchEngineHealth(false, ex.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SearchEngineHealth(false, "Elasticsearch did not answer in time.");
        }
    }

    public async Task<IIndexRebuild> BeginRebuildAsync(CancellationToken ct)
    {
        var index = string.Create(CultureInfo.InvariantCulture, $"{Alias}-{_clock.GetUtcNow():yyyyMMddHHmmssfff}");
        await Translate(async () =>
        {
            // A rebuild that crashed left its index behind, still marked: drop it.
            var stale = await _client.SendJsonAsync(HttpMethod.Get, $"_alias/{RebuildMarker}", null, ct, 404);
            if (stale.Status == 200 && stale.Body is JsonObject owners && owners.Count > 0)
            {
                await _client.SendJsonAsync(HttpMethod.Delete, string.Join(',', owners.Select(o => o.Key)), null, ct, 404);
            }

            var body = ElasticsearchIndexDefinition.Build(_synonyms, Shards, Replicas, RebuildMarker, forBulkLoad: true);
            await _client.SendJsonAsync(HttpMethod.Put, index, body, ct);
        });
        ForgetRebuildTargets();
        LogRebuildStarted(_logger, index);

        // Live writers (other instances too) look the marker up at most once per RebuildMarkerCacheTime: wait that
        // long, so every change committed after the caller starts reading the store also reaches the new index.
        await Task.Delay(RebuildMarkerCacheTime + TimeSpan.FromMilliseconds(200), _clock, ct);
        return new ElasticsearchRebuild(this, _client, index, Replicas);
    }

    internal async Task<T> Translate<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ElasticsearchUnavailableException ex)
        {
            throw new SearchEngineUnavailableException(ex.Message, ex);
        }
        catch (ElasticsearchRequestException ex) when (ex.Status == 404 && ex.ErrorType == "index_not_found_exception")
        {
            // Someone deleted the index (or the alias): the next call creates an empty one; `reindex` fills it.
            _indexReady = false;
            throw new SearchEngineUnavailableException($"The search index is missing ({ex.Reason}); run `reindex`.", ex);
        }
    }

    internal Task Translate(Func<Task> action) => Translate<bool>(async () =>
    {
        await action();
        return true;
    });

    private sealed record RebuildTargetsSeen(DateTimeOffset CheckedAt, IReadOnlyList<string> Indices);

    [LoggerMessage(LogLevel.Information, "Created Elasticsearch index {Index} behind alias {Alias}.")]
    private static partial void LogCreated(ILogger logger, string index, string alias);

    [LoggerMessage(LogLevel.Warning, "Elasticsearch index {Index} was built with another mapping or synonym list; run `reindex` to apply the current one.")]
    private static partial void LogStale(ILogger logger, string index);

    [LoggerMessage(LogLevel.Information, "Rebuilding the search index into {Index}.")]
    private static partial void LogRebuildStarted(ILogger logger, string index);
}
