// The Elasticsearch engine against the tests' local double, in two processes (the double in a child process, so its
// JIT and allocations are not counted): start-up (time to the first answered search) and allocations per query.
// Usage: EsClientBench [queries = 2000]      (EsClientBench double — serves the double; used by the parent)
using System.Diagnostics;
using System.Globalization;
using Marketplace.Search;
using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Elasticsearch;
using Marketplace.Search.Tests.Elasticsearch;
using Microsoft.Extensions.DependencyInjection;

if (args is ["double", ..])
{
    await using var node = await ElasticsearchDouble.StartAsync();
    node.SearchResponse = Samples.Read("Responses/search-hits.json");
    Console.WriteLine(node.Url);
    await Console.In.ReadToEndAsync(); // until the parent closes our stdin
    return;
}

var queries = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [typeof(Program).Assembly.Location, "double"])
{
    RedirectStandardInput = true,
    RedirectStandardOutput = true,
})!;
var url = new Uri((await child.StandardOutput.ReadLineAsync())!);

// Start-up: DI container, engine, transport, the index check/creation and the first search, all cold.
var clock = Stopwatch.StartNew();
var services = new ServiceCollection();
services.AddLogging();
services.Configure<SearchOptions>(o =>
{
    o.Engine = SearchEngineKind.Elasticsearch;
    o.Elasticsearch.Url = url.ToString();
    o.Elasticsearch.IndexPrefix = "bench-";
});
services.AddElasticsearchEngine();
await using var provider = services.BuildServiceProvider();
ISearchEngine engine = provider.GetRequiredService<ElasticsearchEngine>();
var query = new SearchQuery { Text = "empek empek palembang", City = "16.71", Halal = true, Sort = SearchSort.Relevance, PageSize = 20 };
var first = await engine.SearchAsync(query, CancellationToken.None);
var firstSearchMs = clock.Elapsed.TotalMilliseconds;
var sinceProcessStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
if (first.Hits.Count != 2 || first.Facets.Subsector.Count == 0)
{
    throw new InvalidOperationException($"the double's canned answer was not read: {first.Hits.Count} hits, {first.Facets.Subsector.Count} sub-sector facets");
}

// Allocations: every thread of this process (the transport continues on pool threads), after a warm-up.
for (var i = 0; i < 200; i++)
{
    await engine.SearchAsync(query, CancellationToken.None);
}

var document = Document();
await engine.UpsertAsync([document], CancellationToken.None);

var (searchBytes, searchMs) = await MeasureAsync(() => engine.SearchAsync(query, CancellationToken.None));
var (upsertBytes, upsertMs) = await MeasureAsync(() => engine.UpsertAsync([document], CancellationToken.None));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {firstSearchMs:0} | {sinceProcessStart:0} | {searchBytes:N0} | {searchMs:0.00} | {upsertBytes:N0} | {upsertMs:0.00} |"));

child.StandardInput.Close();
await child.WaitForExitAsync();

async Task<(long BytesPerCall, double MsPerCall)> MeasureAsync(Func<Task> call)
{
    GC.Collect();
    var before = GC.GetTotalAllocatedBytes(precise: true);
    var started = Stopwatch.GetTimestamp();
    for (var i = 0; i < queries; i++)
    {
        await call();
    }

    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    return ((GC.GetTotalAllocatedBytes(precise: true) - before) / queries, elapsed / queries);
}

static SearchDocument Document() => new(
    Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
    "pempek-cek-molen", "Pempek Cek Molen", true, "Pempek Kapal Selam", "Fish cake with egg",
    "Pempek ikan belida dengan telur utuh di dalamnya.", null, "Dibuat tiap pagi di 16 Ilir.", "Makanan", ["ikan belida", "sagu"],
    "kuliner", "Kuliner", "16.71", "Kota Palembang", "16", "Sumatera Selatan", 2_500_000, "IDR", 40, true, true, null,
    new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero), 3, []);
