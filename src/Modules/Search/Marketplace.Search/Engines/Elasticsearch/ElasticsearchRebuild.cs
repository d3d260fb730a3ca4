using System.Text.Json.Nodes;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// A new concrete index being loaded aside (no refresh, no replicas while loading), then swapped in: settings back to
/// live values, a refresh, one atomic <c>_aliases</c> call (alias off the old indices and onto the new one, rebuild
/// marker off), then the old indices deleted. Disposed without a swap, the new index is deleted.
/// </summary>
internal sealed class ElasticsearchRebuild(ElasticsearchEngine engine, ElasticsearchClient client, string index, int replicas) : IIndexRebuild
{
    private bool _swapped;

    public string Index => index;

    public Task AddAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct) =>
        documents.Count == 0
            ? Task.CompletedTask
            : engine.Translate(() => engine.BulkAsync(ElasticsearchRequests.Bulk([new BulkTarget(index, IsAlias: false)], documents, []), ct));

    public async Task SwapAsync(CancellationToken ct)
    {
        await engine.Translate(async () =>
        {
            var live = new JsonObject
            {
                ["index"] = new JsonObject { ["refresh_interval"] = "1s", ["number_of_replicas"] = replicas },
            };
            await client.SendJsonAsync(HttpMethod.Put, $"{index}/_settings", live, ct);
            await client.SendJsonAsync(HttpMethod.Post, $"{index}/_refresh", null, ct);

            var current = await client.SendJsonAsync(HttpMethod.Get, $"_alias/{engine.Alias}", null, ct, 404);
            var oldIndices = current.Status == 200 && current.Body is JsonObject owners
                ? owners.Select(o => o.Key).Where(name => name != index).ToList()
                : [];
            await client.SendJsonAsync(HttpMethod.Post, "_aliases", ElasticsearchRequests.SwapAlias(engine.Alias, oldIndices, index, engine.RebuildMarker), ct);
            _swapped = true;
            engine.ForgetRebuildTargets();
            if (oldIndices.Count > 0)
            {
                await client.SendJsonAsync(HttpMethod.Delete, string.Join(',', oldIndices), null, ct, 404);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_swapped)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.SendJsonAsync(HttpMethod.Delete, index, null, timeout.Token, 404);
        }
        catch (Exception ex) when (ex is ElasticsearchUnavailableException or ElasticsearchRequestException or OperationCanceledException)
        {
            // The next rebuild deletes an index still carrying the rebuild marker.
        }

        engine.ForgetRebuildTargets();
    }
}
