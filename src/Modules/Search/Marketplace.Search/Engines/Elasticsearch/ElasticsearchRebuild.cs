using System.Globalization;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Microsoft.Extensions.Logging;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>Starts rebuilds: a new concrete index beside the live one, marked so live writers also write into it.</summary>
internal sealed partial class ElasticsearchRebuilds(
    ElasticsearchIndex index, ElasticsearchWrites writes, ElasticsearchTransport transport, TimeProvider clock, ILogger<ElasticsearchRebuilds> logger)
{
    public async Task<IIndexRebuild> BeginAsync(CancellationToken ct)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{index.Alias}-{clock.GetUtcNow():yyyyMMddHHmmssfff}");
        await index.GuardAsync(async () =>
        {
            // A rebuild that crashed left its index behind, still marked: drop it.
            var stale = await index.IndicesBehindAsync(index.RebuildMarker, ct);
            if (stale.Count > 0)
            {
                await index.DeleteIndicesAsync(stale, ct);
            }

            var create = ElasticsearchIndexDefinition.Build(name, index.Synonyms, index.Options.Shards, index.Options.Replicas, index.RebuildMarker, forBulkLoad: true);
            create.RequestConfiguration = transport.Config();
            await transport.SendAsync(c => c.Indices.CreateAsync(create, ct), ct);
        });
        index.ForgetRebuildTargets();
        LogRebuildStarted(logger, name);

        // Live writers (other instances too) look the marker up at most once per RebuildMarkerCacheTime: wait that
        // long, so every change committed after the caller starts reading the store also reaches the new index.
        await Task.Delay(ElasticsearchIndex.RebuildMarkerCacheTime + TimeSpan.FromMilliseconds(200), clock, ct);
        return new ElasticsearchRebuild(index, writes, transport, name);
    }

    [LoggerMessage(LogLevel.Information, "Rebuilding the search index into {Index}.")]
    private static partial void LogRebuildStarted(ILogger logger, string index);
}

/// <summary>
/// A new concrete index being loaded aside (no refresh, no replicas while loading), then swapped in: settings back to
/// live values, a refresh, one atomic <c>_aliases</c> call (alias off the old indices and onto the new one, rebuild
/// marker off), then the old indices deleted. Disposed without a swap, the new index is deleted.
/// </summary>
internal sealed class ElasticsearchRebuild(ElasticsearchIndex index, ElasticsearchWrites writes, ElasticsearchTransport transport, string name) : IIndexRebuild
{
    private bool _swapped;

    public string Index => name;

    public Task AddAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct) =>
        documents.Count == 0 ? Task.CompletedTask : writes.LoadAsync(name, documents, ct);

    public Task SwapAsync(CancellationToken ct) =>
        index.GuardAsync(async () =>
        {
            var live = ElasticsearchIndexDefinition.LiveSettings(name, index.Options.Replicas);
            live.RequestConfiguration = transport.Config();
            await transport.SendAsync(c => c.Indices.PutSettingsAsync(live, ct), ct);
            await index.RefreshAsync(name, ct);

            var oldIndices = (await index.IndicesBehindAsync(index.Alias, ct)).Where(i => i != name).ToList();
            await index.UpdateAliasesAsync(SwapActions(index.Alias, oldIndices, name, index.RebuildMarker), ct);
            _swapped = true;
            index.ForgetRebuildTargets();
            if (oldIndices.Count > 0)
            {
                await index.DeleteIndicesAsync(oldIndices, ct);
            }
        });

    /// <summary>
    /// Applied atomically by the cluster: the alias leaves the old indices and points at the new one (and the rebuild
    /// marker leaves the new one). Searches see the old index or the new one, never none.
    /// </summary>
    public static List<IndexUpdateAliasesAction> SwapActions(string alias, IEnumerable<string> oldIndices, string newIndex, string marker) =>
    [
        .. oldIndices.Select(old => new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = old, Alias = alias } }),
        new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = newIndex, Alias = marker } },
        new IndexUpdateAliasesAction { Add = new AddAction { Index = newIndex, Alias = alias } },
    ];

    public async ValueTask DisposeAsync()
    {
        if (_swapped)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await index.DeleteIndicesAsync([name], timeout.Token);
        }
        catch (Exception ex) when (ex is ElasticsearchUnavailableException or ElasticsearchRequestException or OperationCanceledException)
        {
            // The next rebuild deletes an index still carrying the rebuild marker.
        }

        index.ForgetRebuildTargets();
    }
}
