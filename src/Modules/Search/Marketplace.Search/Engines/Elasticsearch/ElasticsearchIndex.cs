using System.Globalization;
using System.Text.Json;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Marketplace.Search.Analysis;
using Microsoft.Extensions.Logging;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// The index's life: names, creation on first use, the rebuild marker live writes look for, cluster health, and the
/// translation of failures into the port's <see cref="SearchEngineUnavailableException"/>.
/// <para>
/// Names: searches and writes go through the alias <c>{prefix}products</c>, which points at one concrete index. The first
/// start creates <c>{prefix}products-initial</c> with the alias in the same <c>PUT</c>; a rebuild creates
/// <c>{prefix}products-{timestamp}</c> carrying the marker alias <c>{prefix}products-rebuilding</c> until the swap.
/// </para>
/// </summary>
internal sealed partial class ElasticsearchIndex
{
    /// <summary>How long the answer to "is a rebuild running?" is reused by live writes.</summary>
    internal static readonly TimeSpan RebuildMarkerCacheTime = TimeSpan.FromSeconds(1);

    private readonly ElasticsearchTransport _transport;
    private readonly SynonymList _synonyms;
    private readonly TimeProvider _clock;
    private readonly ILogger<ElasticsearchIndex> _logger;
    private readonly SemaphoreSlim _markerLock = new(1, 1);
    // A reference, swapped whole, so the lock-free read in RebuildTargetsAsync never sees half an update.
    private volatile RebuildTargetsSeen? _rebuildTargets;

    // Set once the alias is known to exist; cleared when the cluster says the index is missing. Every call ensures the
    // index first when it is not set, so an engine that was down at start-up creates its index on first use.
    private volatile bool _ready;

    // This instance created the live index just now, empty: it should be filled from the store (NeedsRebuild).
    private volatile bool _createdEmpty;

    public ElasticsearchIndex(ElasticsearchTransport transport, SynonymList synonyms, TimeProvider clock, ILogger<ElasticsearchIndex> logger)
    {
        _transport = transport;
        _synonyms = synonyms;
        _clock = clock;
        _logger = logger;
        var prefix = transport.Options.IndexPrefix;
        Alias = prefix + "products";
        RebuildMarker = prefix + "products-rebuilding";
    }

    /// <summary>The alias every search and live write goes through.</summary>
    public string Alias { get; }

    /// <summary>Alias on the index a rebuild is loading (absent when none is).</summary>
    public string RebuildMarker { get; }

    /// <summary>The first index, created when the alias does not exist yet. A fixed name, so two instances starting at once create one index, not two.</summary>
    public string InitialIndex => Alias + "-initial";

    public SynonymList Synonyms => _synonyms;

    public ElasticsearchOptions Options => _transport.Options;

    public Task EnsureReadyAsync(CancellationToken ct) => _ready ? Task.CompletedTask : EnsureAsync(ct);

    public async Task EnsureAsync(CancellationToken ct)
    {
        if ((await IndicesBehindAsync(Alias, ct)).Count > 0)
        {
            _ready = true;
            await WarnIfStaleAsync(ct);
            return;
        }

        try
        {
            var create = ElasticsearchIndexDefinition.Build(InitialIndex, _synonyms, Options.Shards, Options.Replicas, Alias, forBulkLoad: false);
            create.RequestConfiguration = _transport.Config();
            await _transport.SendAsync(c => c.Indices.CreateAsync(create, ct), ct);
            _createdEmpty = true;
            LogCreated(_logger, InitialIndex, Alias);
        }
        catch (ElasticsearchRequestException ex) when (ex.ErrorType == "resource_already_exists_exception")
        {
            // Another instance created it a moment ago — or the alias was removed from it by hand: put it back.
            if ((await IndicesBehindAsync(Alias, ct)).Count == 0)
            {
                await UpdateAliasesAsync([new IndexUpdateAliasesAction { Add = new AddAction { Index = InitialIndex, Alias = Alias } }], ct);
            }
        }

        _ready = true;
    }

    /// <summary>
    /// True once, after this instance created the index empty (first start on Elasticsearch, or the index was lost):
    /// the service then fills it from the store. Only the instance whose <c>PUT</c> succeeded says so, so two
    /// instances starting together do not both rebuild. An index built with another mapping or synonym list is only
    /// reported (logged at start-up): several instances rebuilding at once would fight over the rebuild marker, so
    /// that is the <c>reindex</c> verb's job (run once per deployment).
    /// </summary>
    public bool TakeNeedsRebuild()
    {
        var created = _createdEmpty;
        _createdEmpty = false;
        return created;
    }

    private async Task WarnIfStaleAsync(CancellationToken ct)
    {
        var request = new GetMappingRequest(Alias) { RequestConfiguration = _transport.Config() };
        var mapping = await _transport.SendAsync(c => c.Indices.GetMappingAsync(request, ct), ct);
        foreach (var (index, record) in mapping.Mappings ?? new Dictionary<string, IndexMappingRecord>())
        {
            var meta = record.Mappings?.Meta;
            var schema = meta is not null && meta.TryGetValue("schemaVersion", out var s) ? Text(s) : null;
            var synonyms = meta is not null && meta.TryGetValue("synonymsHash", out var h) ? Text(h) : null;
            if (schema != ElasticsearchIndexDefinition.SchemaVersion.ToString(CultureInfo.InvariantCulture)
                || synonyms != ElasticsearchIndexDefinition.SynonymsHash(_synonyms))
            {
                // Analysis settings are fixed when an index is created: a new synonym list needs a rebuild.
                LogStale(_logger, index);
            }
        }
    }

    // _meta values come back as whatever the serializer made of them (a JsonElement with the default one).
    private static string? Text(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement e => e.GetRawText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The concrete indices an alias points at (none when it does not exist).</summary>
    public async Task<IReadOnlyList<string>> IndicesBehindAsync(string alias, CancellationToken ct)
    {
        var request = new GetAliasRequest(Names.Parse(alias)) { RequestConfiguration = _transport.Config(alsoAccept: 404) };
        var answer = await _transport.SendAsync(c => c.Indices.GetAliasAsync(request, ct), ct, alsoAccept: 404);
        return answer.ApiCallDetails.HttpStatusCode == 404 ? [] : [.. (answer.Aliases ?? new Dictionary<string, IndexAliases>()).Keys];
    }

    /// <summary>One <c>_aliases</c> call: the cluster applies its actions atomically.</summary>
    public Task UpdateAliasesAsync(ICollection<IndexUpdateAliasesAction> actions, CancellationToken ct)
    {
        var request = new UpdateAliasesRequest { Actions = actions, RequestConfiguration = _transport.Config() };
        return _transport.SendAsync(c => c.Indices.UpdateAliasesAsync(request, ct), ct);
    }

    /// <summary>Deletes indices; absent ones are fine.</summary>
    public Task DeleteIndicesAsync(IReadOnlyCollection<string> indices, CancellationToken ct)
    {
        var request = new DeleteIndexRequest(Indices.Parse(string.Join(',', indices))) { RequestConfiguration = _transport.Config(alsoAccept: 404) };
        return _transport.SendAsync(c => c.Indices.DeleteAsync(request, ct), ct, alsoAccept: 404);
    }

    public Task RefreshAsync(string index, CancellationToken ct)
    {
        var request = new RefreshRequest(index) { RequestConfiguration = _transport.Config() };
        return _transport.SendAsync(c => c.Indices.RefreshAsync(request, ct), ct);
    }

    /// <summary>Indices a rebuild is loading (usually none); looked up at most once a second.</summary>
    public async Task<IReadOnlyList<string>> RebuildTargetsAsync(CancellationToken ct)
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

            var indices = await IndicesBehindAsync(RebuildMarker, ct);
            _rebuildTargets = new RebuildTargetsSeen(_clock.GetUtcNow(), indices);
            return indices;
        }
        finally
        {
            _markerLock.Release();
        }
    }

    public void ForgetRebuildTargets() => _rebuildTargets = null;

    public async Task<SearchEngineHealth> CheckHealthAsync(CancellationToken ct)
    {
        try
        {
            var request = new Elastic.Clients.Elasticsearch.Cluster.HealthRequest { RequestConfiguration = _transport.Config() };
            var health = await _transport.SendAsync(c => c.Cluster.HealthAsync(request, ct), ct);
            var status = health.Status.ToString().ToLowerInvariant();
            // Yellow (replicas unassigned) still serves every search; red means some primary shard is missing.
            if (status is not ("green" or "yellow"))
            {
                return new SearchEngineHealth(false, string.Create(CultureInfo.InvariantCulture, $"Elasticsearch cluster {status}, {health.NumberOfNodes} node(s)."));
            }

            var indices = await IndicesBehindAsync(Alias, ct);
            if (indices.Count == 0)
            {
                return new SearchEngineHealth(false, $"Elasticsearch cluster {status}, but the index alias {Alias} is missing (it is created on the next use; run `reindex` to fill it).");
            }

            return new SearchEngineHealth(true, string.Create(CultureInfo.InvariantCulture,
                $"Elasticsearch cluster {status}, {health.NumberOfNodes} node(s), alias {Alias} → {string.Join(", ", indices)}."));
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

    /// <summary>
    /// Runs a call that touches the index: an outage becomes <see cref="SearchEngineUnavailableException"/> (503 at the
    /// API; the outbox retries), and a missing index is noticed, so the next call creates an empty one.
    /// </summary>
    public async Task<T> GuardAsync<T>(Func<Task<T>> action)
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
            MarkMissing();
            throw new SearchEngineUnavailableException($"The search index is missing ({ex.Reason}); run `reindex`.", ex);
        }
    }

    public Task GuardAsync(Func<Task> action) => GuardAsync<bool>(async () =>
    {
        await action();
        return true;
    });

    public void MarkMissing() => _ready = false;

    private sealed record RebuildTargetsSeen(DateTimeOffset CheckedAt, IReadOnlyList<string> Indices);

    [LoggerMessage(LogLevel.Information, "Created Elasticsearch index {Index} behind alias {Alias}.")]
    private static partial void LogCreated(ILogger logger, string index, string alias);

    [LoggerMessage(LogLevel.Warning, "Elasticsearch index {Index} was built with another mapping or synonym list; run `reindex` to apply the current one.")]
    private static partial void LogStale(ILogger logger, string index);
}
