// In-process search latency: the Lucene engine called directly (no HTTP), on the index the `reindex` verb built.
// Usage: SearchBench <DataDirectory> [seconds per concurrency level = 10]
using System.Diagnostics;
using System.Globalization;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Search;
using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Lucene;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

var data = args.Length > 0 ? args[0] : throw new ArgumentException("usage: SearchBench <DataDirectory> [seconds]");
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;

using var engine = new LuceneSearchEngine(
    Options.Create(new SearchOptions()),
    Options.Create(new DatabaseOptions { DataDirectory = data }),
    NullLogger<LuceneSearchEngine>.Instance);
await engine.EnsureIndexAsync(CancellationToken.None);

var queries = Queries.TwoWord;
var total = (await engine.SearchAsync(new SearchQuery { PageSize = 1 }, CancellationToken.None)).Total;
Console.WriteLine($"index: {total:N0} products; {queries.Length} two-word queries, all facets, page size 20, relevance sort");

// Warm-up: JIT, OS page cache, Lucene's per-segment structures.
for (var i = 0; i < 300; i++)
{
    await engine.SearchAsync(new SearchQuery { Text = queries[i % queries.Length] }, CancellationToken.None);
}

Console.WriteLine("| concurrency | queries/s | p50 ms | p99 ms | mean hits |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var concurrency in new[] { 1, 16 })
{
    var latencies = new List<double>[concurrency];
    long hits = 0;
    var stop = DateTime.UtcNow.AddSeconds(seconds);
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
    {
        var mine = latencies[worker] = new List<double>(100_000);
        var n = worker * 7;
        while (DateTime.UtcNow < stop)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await engine.SearchAsync(new SearchQuery { Text = queries[n++ % queries.Length] }, CancellationToken.None);
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Add(ref hits, result.Total);
        }
    })));
    var elapsed = clock.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {concurrency} | {all.Length / elapsed:N0} | {Percentile(all, 0.50):0.00} | {Percentile(all, 0.99):0.00} | {hits / (double)all.Length:N0} |"));
}

var hwm = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal));
Console.WriteLine($"peak memory of this process: {hwm?.Split(':')[1].Trim()}");

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

internal static class Queries
{
    // Pairs of the words the synthetic generator uses (noun + quality), as shoppers would type them.
    public static readonly string[] TwoWord =
    [
        "keripik pedas", "kain tenun", "tas anyaman", "kopi jahe", "madu organik", "sambal original", "teh premium",
        "dompet kulit", "kemeja batik", "selendang sutra", "vas bambu", "piring rotan", "topeng kayu", "lukisan tradisional",
        "gelang rotan", "kalung premium", "sandal kulit", "dodol pisang", "bolu cokelat", "kerupuk singkong",
        "keripik tempe", "kopi premium", "tas rotan", "kain batik", "madu manis", "teh jahe", "bolu pisang",
        "dodol apel", "kerupuk pedas", "selendang batik",
    ];
}
