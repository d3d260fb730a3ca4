using System.Text.Json;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Lucene;

namespace Marketplace.Search.Tests.Contract;

/// <summary>What is specific to the embedded engine: its files, crash recovery, and swaps made by another process.</summary>
public sealed class LuceneEngineTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "marketplace-search-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static SearchDocument Doc(string name) =>
        Corpus.Doc(Guid.NewGuid(), name, "kuliner", Corpus.Palembang, 1_000_000, 1, halal: true, day: 1);

    [Fact]
    public async Task Searches_beyond_the_bound_wait_their_turn_and_a_cancelled_one_never_runs()
    {
        using var engine = LuceneEngineFixture.Create(_folder, new SearchOptions { Lucene = { MaxConcurrentQueries = 1 } });
        await engine.UpsertAsync(Enumerable.Range(0, 200).Select(i => Doc($"Pempek Kapal Selam {i}")).ToList(), CancellationToken.None);
        await engine.RefreshAsync(CancellationToken.None);

        // Far more searches at once than the bound, each on its own pool thread.
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() =>
            engine.SearchAsync(new SearchQuery { Text = "pempek kapal" }, CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(200, r.Total));
        Assert.Equal(1, engine.PeakQueriesRunning);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.SearchAsync(new SearchQuery { Text = "pempek" }, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.SuggestAsync(new SuggestQuery("pem"), cancelled.Token));
    }

    [Fact]
    public async Task A_new_index_asks_for_a_rebuild_and_a_cleanly_closed_one_does_not()
    {
        using (var engine = LuceneEngineFixture.Create(_folder))
        {
            Assert.True(await engine.NeedsRebuildAsync(CancellationToken.None));
            await engine.UpsertAsync([Doc("Pempek Kulit")], CancellationToken.None);
        }

        using var reopened = LuceneEngineFixture.Create(_folder);
        Assert.False(await reopened.NeedsRebuildAsync(CancellationToken.None));
        Assert.Equal(1, (await reopened.SearchAsync(new SearchQuery { Text = "pempek kulit" }, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task A_source_too_large_for_a_doc_value_is_stored_instead_and_still_shown_highlighted_and_updated()
    {
        using var engine = LuceneEngineFixture.Create(_folder);
        var description = string.Join(' ', Enumerable.Repeat("Sambal andaliman pedas khas Batak.", 2_000)); // ~68,000 characters
        var doc = Doc("Sambal Andaliman Panjang") with { Description = description };
        await engine.UpsertAsync([doc], CancellationToken.None);
        await engine.RefreshAsync(CancellationToken.None);

        var hit = Assert.Single((await engine.SearchAsync(new SearchQuery { Text = "andaliman" }, CancellationToken.None)).Hits);
        Assert.Equal((doc.ProductId, doc.Name), (hit.ProductId, hit.Name));
        Assert.Contains(hit.Highlights, h => h.Field == "description" && h.Fragments[0].Contains("<mark>andaliman</mark>", StringComparison.Ordinal));

        Assert.Empty(await engine.UpdateStockAsync([new StockChange(doc.ProductId, 0, 2)], CancellationToken.None));
        await engine.RefreshAsync(CancellationToken.None);
        var sold = Assert.Single((await engine.SearchAsync(new SearchQuery { Text = "andaliman", InStock = false }, CancellationToken.None)).Hits);
        Assert.Equal(0, sold.Stock);
    }

    [Fact]
    public async Task Documents_written_when_the_source_was_a_stored_string_are_still_shown()
    {
        var old = Doc("Tempoyak Durian Lama");
        string root;
        using (var engine = LuceneEngineFixture.Create(_folder))
        {
            await engine.UpsertAsync([Doc("Pempek Lenggang Baru")], CancellationToken.None);
            root = engine.Root;
        }

        // An index written by the previous version: the source as a stored JSON string, no source doc value.
        using (var directory = Lucene.Net.Store.FSDirectory.Open(Path.Combine(root, File.ReadAllText(Path.Combine(root, "current")).Trim())))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneAnalysis.Version, LuceneAnalysis.PerField)))
        {
            var document = LuceneFields.ToDocument(old);
            document.RemoveField(LuceneFields.SourceValue);
            document.Add(new StoredField(LuceneFields.Source, JsonSerializer.Serialize(old, new JsonSerializerOptions(JsonSerializerDefaults.Web))));
            writer.AddDocument(document);
            writer.Commit();
        }

        using var reopened = LuceneEngineFixture.Create(_folder);
        var hit = Assert.Single((await reopened.SearchAsync(new SearchQuery { Text = "tempoyak durian" }, CancellationToken.None)).Hits);
        Assert.Equal((old.ProductId, old.Name, old.PriceAmount), (hit.ProductId, hit.Name, hit.PriceAmount));
        Assert.Equal(1, (await reopened.SearchAsync(new SearchQuery { Text = "pempek lenggang" }, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Typos_are_tolerated_only_when_the_exact_words_find_too_little_and_see_products_added_after_a_refresh()
    {
        using var engine = LuceneEngineFixture.Create(_folder);
        await engine.UpsertAsync([.. Enumerable.Range(0, 12).Select(i => Doc($"Songket Lepus {i}")), Doc("Songkat Rumah")], CancellationToken.None);
        await engine.RefreshAsync(CancellationToken.None);

        // Twelve exact matches are enough: "songkat" (one edit away) is not brought in, nor the other way round.
        var exact = await engine.SearchAsync(new SearchQuery { Text = "songket" }, CancellationToken.None);
        Assert.Equal(12, exact.Total);
        Assert.Equal(1, (await engine.SearchAsync(new SearchQuery { Text = "songkat rumah" }, CancellationToken.None)).Total);

        // Too few exact matches (one): the typo-tolerant query runs, and its expansion is remembered for this reader...
        Assert.Equal(13, (await engine.SearchAsync(new SearchQuery { Text = "songkat" }, CancellationToken.None)).Total);

        // ...but not past a refresh: a product added later with a new near word is found by the same typo.
        await engine.UpsertAsync([Doc("Songkit Baru")], CancellationToken.None);
        await engine.RefreshAsync(CancellationToken.None);
        var again = await engine.SearchAsync(new SearchQuery { Text = "songkat" }, CancellationToken.None);
        Assert.Equal(14, again.Total);
    }

    [Fact]
    public async Task After_a_crash_with_uncommitted_writes_the_next_start_asks_for_a_rebuild()
    {
        using var engine = LuceneEngineFixture.Create(_folder);
        await engine.UpsertAsync([Doc("Pempek Dos")], CancellationToken.None);
        await engine.CommitAsync(CancellationToken.None);
        await engine.UpsertAsync([Doc("Pempek Telur")], CancellationToken.None);

        // What a crash leaves on disk now: the last commit plus the marker. Copy it and start on the copy.
        var crashed = _folder + "-crashed";
        CopyDirectory(Path.Combine(_folder, "search"), Path.Combine(crashed, "search"));
        try
        {
            using var restarted = LuceneEngineFixture.Create(crashed);
            Assert.True(await restarted.NeedsRebuildAsync(CancellationToken.None));
            Assert.Equal(1, (await restarted.SearchAsync(new SearchQuery { Text = "pempek" }, CancellationToken.None)).Total);

            // The rebuild (from the store, here: the two products) makes it whole and clears the doubt.
            await using (var rebuild = await restarted.BeginRebuildAsync(CancellationToken.None))
            {
                await rebuild.AddAsync([Doc("Pempek Dos"), Doc("Pempek Telur")], CancellationToken.None);
                await rebuild.SwapAsync(CancellationToken.None);
            }

            Assert.False(await restarted.NeedsRebuildAsync(CancellationToken.None));
            await restarted.RefreshAsync(CancellationToken.None);
            Assert.Equal(2, (await restarted.SearchAsync(new SearchQuery { Text = "pempek" }, CancellationToken.None)).Total);
        }
        finally
        {
            Directory.Delete(crashed, recursive: true);
        }
    }

    [Fact]
    public async Task A_rebuild_is_invisible_until_the_swap_and_live_writes_during_it_survive_the_swap()
    {
        using var engine = LuceneEngineFixture.Create(_folder);
        await engine.UpsertAsync([Doc("Kemplang Lama")], CancellationToken.None);
        await engine.RefreshAsync(CancellationToken.None);

        await using (var rebuild = await engine.BeginRebuildAsync(CancellationToken.None))
        {
            await rebuild.AddAsync([Doc("Kemplang Baru")], CancellationToken.None);
            var during = Doc("Kemplang Selama");
            await engine.UpsertAsync([during], CancellationToken.None);
            await rebuild.AddAsync([during with { Name = "Kemplang Basi" }], CancellationToken.None); // stale read of the stream
            await engine.RefreshAsync(CancellationToken.None);
            var before = await engine.SearchAsync(new SearchQuery { Text = "kemplang", PageSize = 10 }, CancellationToken.None);
            Assert.Equal(["Kemplang Lama", "Kemplang Selama"], before.Hits.Select(h => h.Name).Order());

            await rebuild.SwapAsync(CancellationToken.None);
        }

        await engine.RefreshAsync(CancellationToken.None);
        var after = await engine.SearchAsync(new SearchQuery { Text = "kemplang", PageSize = 10 }, CancellationToken.None);
        Assert.Equal(["Kemplang Baru", "Kemplang Selama"], after.Hits.Select(h => h.Name).Order());
    }

    [Fact]
    public async Task A_swap_made_by_another_process_is_picked_up_by_the_running_service()
    {
        using var service = LuceneEngineFixture.Create(_folder);
        await service.UpsertAsync([Doc("Tekwan Lama")], CancellationToken.None);
        await service.CommitAsync(CancellationToken.None);

        // The reindex verb: a second engine on the same folder, which cannot open the live index (the service holds
        // its lock) but can build a new generation and point "current" at it.
        using (var verb = LuceneEngineFixture.Create(_folder))
        {
            await using var rebuild = await verb.BeginRebuildAsync(CancellationToken.None);
            await rebuild.AddAsync([Doc("Tekwan Baru")], CancellationToken.None);

            // The service indexes a change while the verb is between reading the store and swapping.
            await service.UpsertAsync([Doc("Tekwan Selama")], CancellationToken.None);
            await rebuild.SwapAsync(CancellationToken.None);
        }

        await Eventually.HoldsAsync(async () =>
        {
            var names = (await service.SearchAsync(new SearchQuery { Text = "tekwan" }, CancellationToken.None)).Hits.Select(h => h.Name).Order().ToList();
            return names.SequenceEqual(["Tekwan Baru", "Tekwan Selama"]);
        }, TimeSpan.FromSeconds(2), "the service did not switch to the new generation, or lost the write made during the rebuild");

        // And it writes to the new generation from then on.
        await service.UpsertAsync([Doc("Tekwan Kuah")], CancellationToken.None);
        await service.RefreshAsync(CancellationToken.None);
        Assert.Equal(3, (await service.SearchAsync(new SearchQuery { Text = "tekwan" }, CancellationToken.None)).Total);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
