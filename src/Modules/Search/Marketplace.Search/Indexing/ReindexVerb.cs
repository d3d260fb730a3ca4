using System.Diagnostics;
using System.Globalization;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.Catalog.Contracts;
using Marketplace.Search.Engines;
using Marketplace.Search.Querying;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Search.Indexing;

/// <summary>
/// <c>reindex</c>: rebuilds the whole index from the Catalog aside (a new Lucene generation / a new Elasticsearch
/// index), then swaps it in at once, so search stays online throughout and never shows a half-built index.
/// </summary>
internal sealed class ReindexVerb : ICommandLineVerb
{
    public const int BatchSize = 1000;

    public string Name => "reindex";

    public string Description => "Rebuild the search index from the store aside, then swap it in (search stays online).";

    public async Task<int> RunAsync(IServiceProvider services, string[] arguments, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var rebuilder = scope.ServiceProvider.GetRequiredService<IndexRebuilder>();
        var engine = scope.ServiceProvider.GetRequiredService<ISearchEngine>();
        var interactive = !Console.IsOutputRedirected;
        var last = Stopwatch.StartNew();
        var progress = new InlineProgress<RebuildProgress>(p =>
        {
            if (!p.Done && last.ElapsedMilliseconds < (interactive ? 200 : 5000))
            {
                return;
            }

            last.Restart();
            var line = Render(p);
            if (interactive)
            {
                Console.Write("\r" + line.PadRight(Math.Max(0, Console.WindowWidth - 1)));
            }
            else
            {
                Console.WriteLine(line);
            }
        });

        try
        {
            var result = await rebuilder.RebuildAsync(progress, ct);
            if (interactive)
            {
                Console.WriteLine();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reindex: {result.Indexed:N0} products indexed ({result.Skipped:N0} not searchable) in {result.Elapsed.TotalSeconds:0.0} s, {result.Indexed / Math.Max(result.Elapsed.TotalSeconds, 0.001):N0} products/s; engine {engine.Name}; swapped in."));
            return 0;
        }
        catch (SearchEngineUnavailableException ex)
        {
            await Console.Error.WriteLineAsync("reindex: the search engine is not available: " + ex.Message);
            return 1;
        }
    }

    internal static string Render(RebuildProgress p)
    {
        const int width = 30;
        var seen = p.Indexed + p.Skipped;
        var rate = seen / Math.Max(p.Elapsed.TotalSeconds, 0.001);
        if (p.Estimate is > 0 and var total)
        {
            var fraction = Math.Min(1.0, seen / (double)Math.Max(total, seen));
            var filled = (int)Math.Round(fraction * width);
            return string.Create(CultureInfo.InvariantCulture,
                $"[{new string('#', filled)}{new string('.', width - filled)}] {fraction * 100,5:0.0}% {seen:N0}/{Math.Max(total, seen):N0} products, {rate:N0}/s");
        }

        return string.Create(CultureInfo.InvariantCulture, $"[{seen:N0} products read, {p.Indexed:N0} indexed, {rate:N0}/s]");
    }
}

/// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool, so the last
/// bar could print after the summary).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

internal sealed record RebuildProgress(long Indexed, long Skipped, long? Estimate, TimeSpan Elapsed, bool Done);

internal sealed record RebuildResult(long Indexed, long Skipped, TimeSpan Elapsed);

/// <summary>The rebuild itself: stream every product from the Catalog, index the searchable ones aside, swap.</summary>
internal sealed class IndexRebuilder(ICatalogReader catalog, ExhibitionTags exhibitions, ISearchEngine engine, ReadThroughCache cache)
{
    public async Task<RebuildResult> RebuildAsync(IProgress<RebuildProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        long? estimate = null;
        try
        {
            // The live index's size is the best cheap guess of how many products there are (for the progress bar).
            var current = await engine.SearchAsync(new SearchQuery { PageSize = 1, IncludeFacets = false }, ct);
            estimate = current.Total > 0 ? current.Total : null;
        }
        catch (SearchEngineUnavailableException)
        {
            // Another process holds the live index, or it does not exist yet: no estimate.
        }

        var tagsOf = exhibitions.Memoized();
        long indexed = 0, skipped = 0;
        await using var rebuild = await engine.BeginRebuildAsync(ct);
        var batch = new List<SearchDocument>(ReindexVerb.BatchSize);
        await foreach (var product in catalog.StreamSearchDocumentsAsync(ct))
        {
            if (!product.IsSearchable)
            {
                skipped++;
                continue;
            }

            batch.Add(SearchDocument.From(product, await tagsOf(product.ShopId, ct))!);
            if (batch.Count == ReindexVerb.BatchSize)
            {
                await rebuild.AddAsync(batch, ct);
                indexed += batch.Count;
                batch = new List<SearchDocument>(ReindexVerb.BatchSize);
                progress?.Report(new RebuildProgress(indexed, skipped, estimate, clock.Elapsed, false));
            }
        }

        if (batch.Count > 0)
        {
            await rebuild.AddAsync(batch, ct);
            indexed += batch.Count;
        }

        await rebuild.SwapAsync(ct);
        await cache.InvalidateAsync([SearchResultsCache.Tag], ct);
        progress?.Report(new RebuildProgress(indexed, skipped, estimate, clock.Elapsed, true));
        return new RebuildResult(indexed, skipped, clock.Elapsed);
    }
}
