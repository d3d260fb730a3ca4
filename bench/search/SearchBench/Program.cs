// In-process search latency: the Lucene engine called directly (no HTTP), on the index the `reindex` verb built.
// Usage: SearchBench <DataDirectory> [seconds per concurrency level = 10] [file to write the queries to, one a line]
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

// MAX_CONCURRENT_QUERIES=N: the engine's query bound (Search:Lucene:MaxConcurrentQueries; default 0 = one per core).
var options = new SearchOptions();
if (int.TryParse(Environment.GetEnvironmentVariable("MAX_CONCURRENT_QUERIES"), out var bound))
{
    options.Lucene.MaxConcurrentQueries = bound;
}

using var engine = new LuceneSearchEngine(
    Options.Create(options),
    Options.Create(new DatabaseOptions { DataDirectory = data }),
    NullLogger<LuceneSearchEngine>.Instance);
await engine.EnsureIndexAsync(CancellationToken.None);

// >= 10,000 distinct two-word queries, so the engine is measured rather than any cache (the engine keeps none of
// results; the HTTP service's one-second result cache is measured separately by run.sh): each of the synthetic
// catalogue's nouns ("keripik", "kain", ...) with each of the 500 words most used in product names (qualities,
// materials, cities), as a shopper types "keripik pedas" or "kain palembang". Written to a file for wrk too.
var queries = Queries.Distinct(data, 10_000);
if (args.Length > 2)
{
    File.WriteAllLines(args[2], queries);
}

var total = (await engine.SearchAsync(new SearchQuery { PageSize = 1 }, CancellationToken.None)).Total;
Console.WriteLine($"index: {total:N0} products; {queries.Length:N0} distinct two-word queries, all facets, page size 20, relevance sort, highlights");

// Warm-up: JIT, OS page cache, Lucene's per-segment structures (a different slice of the queries than measured first).
for (var i = 0; i < 300; i++)
{
    await engine.SearchAsync(new SearchQuery { Text = queries[(i * 31) % queries.Length] }, CancellationToken.None);
}

// DUMP=<file>: every query's whole result (hits, scores, highlights, facets) as one JSON line, then exit — two builds'
// dumps on the same index must be identical when a change is meant not to alter results.
if (Environment.GetEnvironmentVariable("DUMP") is { Length: > 0 } dump)
{
    using var lines = new StreamWriter(dump);
    foreach (var text in queries)
    {
        var result = await engine.SearchAsync(new SearchQuery { Text = text }, CancellationToken.None);
        lines.WriteLine(text + "\t" + System.Text.Json.JsonSerializer.Serialize(result));
    }

    Console.WriteLine($"wrote {queries.Length:N0} results to {dump}");
    return;
}

// CLASSES=1: every query once more (all seen before), the thread CPU of each, summed by how many products it found —
// which kind of query the CPU goes to (zero hits means the typo-tolerant pass ran too and found nothing either).
if (Environment.GetEnvironmentVariable("CLASSES") == "1")
{
    foreach (var text in queries)
    {
        await engine.SearchAsync(new SearchQuery { Text = text }, CancellationToken.None);
    }

    var classes = new SortedDictionary<int, (int Queries, double Ms)>();
    foreach (var text in queries)
    {
        var started = ThreadCpu.Milliseconds();
        var found = (await engine.SearchAsync(new SearchQuery { Text = text }, CancellationToken.None)).Total;
        var ms = ThreadCpu.Milliseconds() - started;
        var bucket = found switch { 0 => 0, < 10 => 1, < 100 => 10, < 1_000 => 100, _ => 1_000 };
        var (n, sum) = classes.GetValueOrDefault(bucket);
        classes[bucket] = (n + 1, sum + ms);
    }

    var all = classes.Values.Sum(c => c.Ms);
    Console.WriteLine("| hits | queries | CPU ms per query | share of CPU |");
    Console.WriteLine("|---|---|---|---|");
    foreach (var (bucket, (n, sum)) in classes)
    {
        var name = bucket switch { 0 => "0", 1 => "1–9", 10 => "10–99", 100 => "100–999", _ => "≥ 1,000" };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {n:N0} | {sum / n:0.00} | {100 * sum / all:0}% |"));
    }
}

if (Environment.GetEnvironmentVariable("PHASES") == "1")
{
    Phases.Run(data, queries.Take(2_000).ToArray());
}

// CPU ms per query (user + system time of this process, GC threads included): on a shared machine the wall-clock
// percentiles include time spent waiting for a core; CPU per query is what the engine itself costs.
Console.WriteLine("| concurrency | queries/s | p50 ms | p99 ms | CPU ms per query | KB allocated per query | mean hits |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var concurrency in new[] { 1, 16 })
{
    var latencies = new List<double>[concurrency];
    var slowest = new List<(double Ms, string Query, long Hits)>();
    long hits = 0;
    var stop = DateTime.UtcNow.AddSeconds(seconds);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var allocated = GC.GetTotalAllocatedBytes();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
    {
        var mine = latencies[worker] = new List<double>(100_000);
        var n = worker * 7;
        while (DateTime.UtcNow < stop)
        {
            var started = Stopwatch.GetTimestamp();
            var cpuStarted = concurrency == 1 ? ThreadCpu.Milliseconds() : 0;
            var result = await engine.SearchAsync(new SearchQuery { Text = queries[n++ % queries.Length] }, CancellationToken.None);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            mine.Add(ms);
            Interlocked.Add(ref hits, result.Total);
            if (concurrency == 1)
            {
                // The thread's own CPU time, not the wall clock: on a shared machine the wall clock includes waiting for a core.
                slowest.Add((ThreadCpu.Milliseconds() - cpuStarted, queries[(n - 1) % queries.Length], result.Total));
            }
        }
    })));
    var elapsed = clock.Elapsed.TotalSeconds;
    var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
    var kb = (GC.GetTotalAllocatedBytes() - allocated) / 1024.0;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {concurrency} | {all.Length / elapsed:N0} | {Percentile(all, 0.50):0.00} | {Percentile(all, 0.99):0.00} | {cpuMs / all.Length:0.00} | {kb / all.Length:0} | {hits / (double)all.Length:N0} |"));
    // SLOWEST=N: the N costliest queries at concurrency 1, by the CPU time of the thread that ran them (what the tail is made of: many matches, typo tolerance, ...).
    if (int.TryParse(Environment.GetEnvironmentVariable("SLOWEST"), out var show) && concurrency == 1)
    {
        foreach (var (ms, text, found) in slowest.OrderByDescending(s => s.Ms).Take(show))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  slow: {ms,7:0.00} ms CPU  {found,6:N0} hits  \"{text}\""));
        }
    }
}

var hwm = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal));
Console.WriteLine($"peak memory of this process: {hwm?.Split(':')[1].Trim()}");

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

internal static class Queries
{
    // The nouns of the synthetic generator (Marketplace.Catalog's SyntheticCatalog), lower-case as shoppers type them.
    private static readonly string[] Nouns =
    [
        "keripik", "kerupuk", "sambal", "kopi", "teh", "kain", "tas", "dompet", "kemeja", "selendang", "vas", "piring",
        "topeng", "lukisan", "gelang", "kalung", "sandal", "dodol", "bolu", "madu",
    ];

    /// <summary>Every noun with each of the words most used in product names (by document frequency), shuffled.</summary>
    public static string[] Distinct(string dataDirectory, int atLeast)
    {
        var root = Path.Combine(dataDirectory, "search");
        var generation = File.ReadAllText(Path.Combine(root, "current")).Trim();
        using var directory = Lucene.Net.Store.FSDirectory.Open(Path.Combine(root, generation));
        using var reader = Lucene.Net.Index.DirectoryReader.Open(directory);
        var frequent = new List<(string Word, int Docs)>();
        var terms = Lucene.Net.Index.MultiFields.GetTerms(reader, LuceneFields.NamePlain).GetEnumerator();
        while (terms.MoveNext())
        {
            var word = terms.Term.Utf8ToString();
            if (word.Length >= 3 && word.All(char.IsLetter))
            {
                frequent.Add((word, terms.DocFreq));
            }
        }

        var words = frequent.OrderByDescending(w => w.Docs).ThenBy(w => w.Word, StringComparer.Ordinal)
            .Select(w => w.Word).Take((atLeast / Nouns.Length) + Nouns.Length).ToList();
        // Both orders ("keripik pedas", "pedas keripik"): the same words, scored the same, but distinct queries.
        var pairs = Nouns.SelectMany(noun => words.Where(w => w != noun).SelectMany(w => new[] { noun + " " + w, w + " " + noun }))
            .Distinct().Take(Math.Max(atLeast, 10_000)).ToList();
        var random = new Random(20261130);
        return pairs.OrderBy(_ => random.Next()).ToArray();
    }
}

/// <summary>
/// Where a query's time goes (PHASES=1): the engine's steps re-done one by one on the same index, each timed over the
/// same queries at concurrency 1 — build and rewrite the text query, the main pass without and with the facet
/// collector, loading the page's stored documents, highlighting them.
/// </summary>
internal static class Phases
{
    public static void Run(string dataDirectory, string[] queries)
    {
        var root = Path.Combine(dataDirectory, "search");
        using var directory = Lucene.Net.Store.FSDirectory.Open(Path.Combine(root, File.ReadAllText(Path.Combine(root, "current")).Trim()));
        using var reader = Lucene.Net.Index.DirectoryReader.Open(directory);
        var searcher = new Lucene.Net.Search.IndexSearcher(reader) { Similarity = new Lucene.Net.Search.Similarities.BM25Similarity() };
        var builder = new LuceneQueryBuilder(Marketplace.Search.Analysis.SynonymList.Default);
        var names = new[] { "build + rewrite (exact)", "build + rewrite (fuzzy)", "main pass, top 20 only", "main pass + facets", "load 20 documents", "highlight 20 documents" };
        var totals = new double[names.Length];
        for (var round = 0; round < 2; round++)
        {
            Array.Clear(totals);
            foreach (var q in queries)
            {
                var query = new SearchQuery { Text = q };
                var t = Stopwatch.GetTimestamp();
                var text = builder.BuildText(q, fuzzy: false)!;
                var rewritten = searcher.Rewrite(text.Query);
                totals[0] += Lap(ref t);
                searcher.Rewrite(builder.BuildText(q)!.Query);
                totals[1] += Lap(ref t);
                var sort = LuceneQueryBuilder.SortOf(query, true);
                var top = Lucene.Net.Search.TopFieldCollector.Create(sort, 20, true, true, false, false);
                searcher.Search(rewritten, top);
                totals[2] += Lap(ref t);
                top = Lucene.Net.Search.TopFieldCollector.Create(sort, 20, true, true, false, false);
                searcher.Search(rewritten, Lucene.Net.Search.MultiCollector.Wrap(top, new FacetCollector(true, true, true, true)));
                var docs = top.GetTopDocs();
                totals[3] += Lap(ref t);
                var documents = docs.ScoreDocs.Select(d => LuceneFields.Load(searcher, d.Doc)).ToList();
                totals[4] += Lap(ref t);
                foreach (var document in documents)
                {
                    LuceneHighlighter.Highlight(document, text.Highlights);
                }

                totals[5] += Lap(ref t);
            }
        }

        Console.WriteLine($"phases, mean ms per query over {queries.Length:N0} queries (concurrency 1, second round):");
        for (var i = 0; i < names.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {names[i]}: {totals[i] / queries.Length:0.000}"));
        }
    }

    private static double Lap(ref long started)
    {
        var now = Stopwatch.GetTimestamp();
        var ms = Stopwatch.GetElapsedTime(started, now).TotalMilliseconds;
        started = now;
        return ms;
    }
}

/// <summary>The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>); a query at concurrency 1 completes synchronously on it.</summary>
internal static partial class ThreadCpu
{
    public static double Milliseconds() => ClockGetTime(3, out var t) == 0 ? (t.Seconds * 1e3) + (t.Nanoseconds / 1e6) : 0;

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
