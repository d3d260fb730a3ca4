using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Search.Analysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>
/// The embedded engine: a Lucene.NET 4.8 index under <c>{DataDirectory}/search/</c>, BM25 similarity.
/// <para>
/// Layout: <c>search/current</c> names the live generation directory (<c>search/gen-…</c>). A rebuild writes a new
/// generation beside it and then replaces <c>current</c> atomically (write a temp file, rename over), so readers switch
/// from the complete old index to the complete new one. A running service notices a swap made by another process (the
/// <c>reindex</c> verb) on its next refresh tick and reopens on the new generation.
/// </para>
/// <para>
/// Visibility: a near-real-time reader is reopened every <see cref="LuceneOptions.RefreshInterval"/> (well under the
/// 2 s promise). Durability: a Lucene commit fsyncs every new file (≈100 ms here), far too slow per event, so commits
/// are write-behind — at most every <see cref="LuceneOptions.CommitInterval"/> while there are uncommitted writes, and
/// on shutdown. Before the first uncommitted write an <c>uncommitted</c> marker file is made durable, and it is
/// removed after the commit. If the process dies in between, the marker survives, <see cref="NeedsRebuildAsync"/>
/// says so on the next start and the service rebuilds the index from the store: a crash can lose index writes but
/// never leaves them lost.
/// </para>
/// </summary>
internal sealed partial class LuceneSearchEngine : ISearchEngine, IDisposable
{
    private const string PointerFile = "current";
    private const string UncommittedMarker = "uncommitted";
    private const string RebuildingMarker = "rebuilding";

    private readonly string _root;
    private readonly LuceneQueryBuilder _queries;
    private readonly ILogger<LuceneSearchEngine> _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _queryTurns;
    private int _queriesRunning;
    private int _peakQueriesRunning;
    private readonly System.Threading.Lock _openLock = new();
    private readonly Timer _refreshTimer;
    private readonly Timer _commitTimer;
    private bool _dirty;
    private bool _created;
    private bool _crashed;

    // While another process rebuilds (the "rebuilding" marker exists), the last write of each product made here, so
    // it can be re-applied to the new generation when this process adopts it (the rebuild may have read it earlier).
    private Dictionary<Guid, SearchDocument?>? _journal;

    // Written since the shared searcher was last reopened: each product's last write (null: deleted) and its number.
    // Written under the write gate, pruned by the refresh; see Current.
    private readonly Dictionary<Guid, (SearchDocument? Document, long Sequence)> _unrefreshed = [];
    private long _sequence;
    private readonly TimeSpan _refreshInterval;
    private volatile Generation? _live;
    private volatile LuceneRebuild? _rebuild;
    private bool _disposed;
    private int _disposeStarted;

    public LuceneSearchEngine(IOptions<SearchOptions> options, IOptions<DatabaseOptions> database, ILogger<LuceneSearchEngine> logger)
    {
        var configured = options.Value.Lucene.Path;
        _root = configured.Length > 0
            ? Path.GetFullPath(configured, database.Value.DataDirectory)
            : Path.Combine(database.Value.DataDirectory, "search");
        _queries = new LuceneQueryBuilder(SynonymList.Default);
        var turns = options.Value.Lucene.MaxConcurrentQueries;
        _queryTurns = new SemaphoreSlim(turns > 0 ? turns : Environment.ProcessorCount);
        _logger = logger;
        var interval = options.Value.Lucene.RefreshInterval;
        _refreshInterval = interval;
        _refreshTimer = new Timer(_ => RefreshTick(), null, interval, interval);
        var commit = options.Value.Lucene.CommitInterval;
        _commitTimer = new Timer(_ => CommitTick(), null, commit, commit);

        // The CLI verbs end without disposing the host; commit what is pending on any orderly exit (not a crash:
        // that is what the marker is for).
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    public string Name => "lucene";

    internal string Root => _root;

    public Task EnsureIndexAsync(CancellationToken ct)
    {
        _ = Live();
        return Task.CompletedTask;
    }

    public Task<bool> NeedsRebuildAsync(CancellationToken ct)
    {
        _ = Live();
        return Task.FromResult(_created || _crashed);
    }

    /// <summary>Commits pending writes now (tests, shutdown, the end of a reindex); see the class remarks.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            CommitPending();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void CommitPending()
    {
        if (!_dirty || _live is not { } live)
        {
            return;
        }

        live.Writer.Commit();
        _dirty = false;
        File.Delete(Path.Combine(_root, UncommittedMarker));
    }

    private void CommitTick()
    {
        if (_disposed || !_dirty || !_writeGate.Wait(0))
        {
            return;
        }

        try
        {
            CommitPending();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogCommitFailed(_logger, ex);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void MarkUncommitted()
    {
        if (_dirty)
        {
            return;
        }

        // Durable before the first uncommitted write: if we crash after it, the next start knows.
        using (var marker = new FileStream(Path.Combine(_root, UncommittedMarker), FileMode.Create, FileAccess.Write))
        {
            marker.Flush(flushToDisk: true);
        }

        _dirty = true;
    }

    public Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct) =>
        documents.Count == 0 ? Task.CompletedTask : WriteAsync(_ => (documents, []), ct);

    public Task DeleteAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct) =>
        productIds.Count == 0 ? Task.CompletedTask : WriteAsync(_ => ([], productIds), ct);

    /// <summary>
    /// Lucene cannot change an indexed field in place, so the document is rewritten — but from its own stored source
    /// (read from the index, not from the Catalog): no product, shop, cover or exhibition re-read.
    /// </summary>
    public async Task<IReadOnlyCollection<Guid>> UpdateStockAsync(IReadOnlyCollection<StockChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return [];
        }

        var missing = new List<Guid>();
        await WriteAsync(live =>
        {
            var upserts = new List<SearchDocument>();
            var searcher = live.Searchers.Acquire();
            try
            {
                foreach (var change in changes.GroupBy(c => c.ProductId).Select(g => g.MaxBy(c => c.Version)!))
                {
                    if (Current(searcher, change.ProductId) is not { } current)
                    {
                        missing.Add(change.ProductId);
                    }
                    else if (current.Version < change.Version)
                    {
                        upserts.Add(current with { Stock = change.Stock, Version = change.Version });
                    }
                }
            }
            finally
            {
                live.Searchers.Release(searcher);
            }

            return (upserts, []);
        }, ct);
        return missing;
    }

    /// <summary>
    /// The document as last written: a write of the last refresh interval is not in the shared searcher yet, and
    /// rewriting the older copy the searcher shows would undo it. Called with the write gate held.
    /// </summary>
    private SearchDocument? Current(IndexSearcher searcher, Guid productId)
    {
        lock (_unrefreshed)
        {
            if (_unrefreshed.TryGetValue(productId, out var written))
            {
                return written.Document;
            }
        }

        var found = searcher.Search(new TermQuery(new Term(LuceneFields.Id, LuceneFields.IdTerm(productId))), 1);
        return found.TotalHits == 0 ? null : LuceneFields.Load(searcher, found.ScoreDocs[0].Doc);
    }

    /// <summary>
    /// Applies what <paramref name="changes"/> decides (it runs with the write gate held, so it may read the current
    /// documents) to the live generation, a rebuild in this process, and the journal of a rebuild in another process.
    /// </summary>
    private async Task WriteAsync(
        Func<Generation, (IReadOnlyCollection<SearchDocument> Upserts, IReadOnlyCollection<Guid> Deletes)> changes, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            var live = Live();
            IReadOnlyCollection<SearchDocument> upserts;
            IReadOnlyCollection<Guid> deletes;
            try
            {
                (upserts, deletes) = changes(live);
                if (upserts.Count == 0 && deletes.Count == 0)
                {
                    return;
                }

                MarkUncommitted();
                foreach (var document in upserts)
                {
                    live.Writer.UpdateDocument(new Term(LuceneFields.Id, LuceneFields.IdTerm(document.ProductId)), LuceneFields.ToDocument(document));
                }

                if (deletes.Count > 0)
                {
                    live.Writer.DeleteDocuments(deletes.Select(id => new Term(LuceneFields.Id, LuceneFields.IdTerm(id))).ToArray());
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException)
            {
                throw new SearchEngineUnavailableException("The search index could not be written: " + ex.Message, ex);
            }

            lock (_unrefreshed)
            {
                var sequence = ++_sequence;
                foreach (var document in upserts)
                {
                    _unrefreshed[document.ProductId] = (document, sequence);
                }

                foreach (var id in deletes)
                {
                    _unrefreshed[id] = (null, sequence);
                }
            }

            // A rebuild in this process receives the same change, so the swap does not bring back older data.
            _rebuild?.Mirror(upserts, deletes);

            if (_journal is { } journal)
            {
                foreach (var document in upserts)
                {
                    journal[document.ProductId] = document;
                }

                foreach (var id in deletes)
                {
                    journal[id] = null;
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void ForgetUnrefreshed()
    {
        lock (_unrefreshed)
        {
            _unrefreshed.Clear();
        }
    }

    /// <summary>
    /// Reopens the shared searcher and forgets the writes it now shows (see <see cref="Current"/>). Writes are
    /// numbered after they reach the writer, so every write numbered up to the value read before the reopen is in it.
    /// </summary>
    private void RefreshSearchers(Generation live, bool blocking)
    {
        long upTo;
        lock (_unrefreshed)
        {
            upTo = _sequence;
        }

        if (blocking)
        {
            live.Searchers.MaybeRefreshBlocking();
        }
        else if (!live.Searchers.MaybeRefresh())
        {
            return; // another thread is reopening it
        }

        lock (_unrefreshed)
        {
            if (_unrefreshed.Count == 0)
            {
                return;
            }

            foreach (var (id, written) in _unrefreshed.ToList())
            {
                if (written.Sequence <= upTo)
                {
                    _unrefreshed.Remove(id);
                }
            }
        }
    }

    public Task RefreshAsync(CancellationToken ct)
    {
        AdoptSwapIfAny();
        RefreshSearchers(Live(), blocking: true);
        return Task.CompletedTask;
    }

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        // Queries wait their turn (asynchronously, in arrival order) instead of time-slicing the cores: see
        // LuceneOptions.MaxConcurrentQueries. A search that times out while waiting never starts.
        await _queryTurns.WaitAsync(ct);
        NoteRunning(Interlocked.Increment(ref _queriesRunning));
        try
        {
            var live = Live();
            var searcher = live.Searchers.Acquire();
            try
            {
                return Search(searcher, query);
            }
            finally
            {
                live.Searchers.Release(searcher);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queriesRunning);
            _queryTurns.Release();
        }
    }

    /// <summary>The most searches seen running at once since start (tests check the bound holds).</summary>
    internal int PeakQueriesRunning => Volatile.Read(ref _peakQueriesRunning);

    private void NoteRunning(int running)
    {
        var peak = Volatile.Read(ref _peakQueriesRunning);
        while (running > peak && Interlocked.CompareExchange(ref _peakQueriesRunning, running, peak) != peak)
        {
            peak = Volatile.Read(ref _peakQueriesRunning);
        }
    }

    private SearchResult Search(IndexSearcher searcher, SearchQuery query)
    {
        // The exact words first; typo tolerance (fuzzy expansion, the costly part) only when they find too little —
        // then the pass is repeated with it (cheap: the exact pass matched few documents).
        var own = OwnFilters(query);
        var text = _queries.BuildText(query.Text, fuzzy: false);
        var pass = MainPass(searcher, query, text, own);
        if (text is not null && pass.Docs.TotalHits < LuceneQueryBuilder.FuzzyBelow
            && _queries.BuildText(query.Text) is { } tolerant && tolerant.Highlights.Any(h => h.MaxEdits > 0))
        {
            text = tolerant;
            pass = MainPass(searcher, query, text, own);
        }

        var (docs, textQuery, shared) = pass;
        var hits = new List<SearchHit>();
        var wanted = text is null ? null : LuceneHighlighter.ByField(text.Highlights);
        foreach (var scored in docs.ScoreDocs.Skip((query.Page - 1) * query.PageSize))
        {
            var document = LuceneFields.Load(searcher, scored.Doc);
            var highlights = wanted is null ? [] : LuceneHighlighter.Highlight(document, wanted);
            hits.Add(new SearchHit(
                document.ProductId, document.Name, document.NameEn, document.PriceAmount, document.Currency,
                document.ShopId, document.ShopSlug, document.ShopName, document.CityCode, document.CityName,
                document.SubsectorCode, document.SubsectorName, document.Stock, document.Halal, document.ImageUrl,
                document.ListedAt, float.IsNaN(scored.Score) ? 0 : scored.Score, highlights, document.RatingAverage, document.RatingCount));
        }

        var facets = shared is null ? SearchFacets.Empty : CountFacets(searcher, query, textQuery, own, shared);
        return new SearchResult(hits, docs.TotalHits, facets);
    }

    /// <summary>One pass collects the page and the facets whose own filter is not set; see CountFacets for the others.</summary>
    private static (TopDocs Docs, Query? TextQuery, FacetCollector? Shared) MainPass(
        IndexSearcher searcher, SearchQuery query, LuceneQueryBuilder.TextQuery? text, Dictionary<FacetKind, bool> own)
    {
        // Rewrite once (fuzzy expansion is the costly part) and reuse for the main pass and every facet pass.
        var textQuery = text is null ? null : searcher.Rewrite(text.Query);
        var main = LuceneQueryBuilder.Combine(textQuery, LuceneQueryBuilder.Filters(query));
        var sort = LuceneQueryBuilder.SortOf(query, text is not null);
        var want = Math.Max(1, query.Page * query.PageSize);
        var top = TopFieldCollector.Create(sort, want, fillFields: true, trackDocScores: text is not null, trackMaxScore: false, docsScoredInOrder: false);
        var shared = query.IncludeFacets
            ? new FacetCollector(!own[FacetKind.Subsector], !own[FacetKind.City], !own[FacetKind.Halal], !own[FacetKind.Price])
            : null;
        searcher.Search(main, shared is null ? top : MultiCollector.Wrap(top, shared));
        return (top.GetTopDocs(), textQuery, shared);
    }

    private static Dictionary<FacetKind, bool> OwnFilters(SearchQuery query) => new()
    {
        [FacetKind.Subsector] = !string.IsNullOrWhiteSpace(query.Subsector),
        [FacetKind.City] = !string.IsNullOrWhiteSpace(query.City),
        [FacetKind.Halal] = query.Halal is not null,
        [FacetKind.Price] = query.MinPrice is not null || query.MaxPrice is not null,
    };

    /// <summary>
    /// Each facet counts under every filter but its own. Facets whose own filter is not set were counted in the main
    /// pass (<paramref name="shared"/>); each facet whose filter is set gets one more pass without it.
    /// </summary>
    private static SearchFacets CountFacets(IndexSearcher searcher, SearchQuery query, Query? text, Dictionary<FacetKind, bool> own, FacetCollector shared)
    {
        FacetCollector Pass(FacetKind kind)
        {
            if (!own[kind])
            {
                return shared;
            }

            var collector = new FacetCollector(kind == FacetKind.Subsector, kind == FacetKind.City, kind == FacetKind.Halal, kind == FacetKind.Price);
            searcher.Search(LuceneQueryBuilder.Combine(text, LuceneQueryBuilder.Filters(query, kind)), collector);
            return collector;
        }

        return new SearchFacets(
            Pass(FacetKind.Subsector).Subsectors(),
            Pass(FacetKind.City).Cities(),
            Pass(FacetKind.Halal).Halal(),
            Pass(FacetKind.Price).PriceRanges());
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken ct)
    {
        await _queryTurns.WaitAsync(ct);
        try
        {
            return Suggest(query);
        }
        finally
        {
            _queryTurns.Release();
        }
    }

    private IReadOnlyList<Suggestion> Suggest(SuggestQuery query)
    {
        var words = LuceneAnalysis.Terms(LuceneAnalysis.Plain, LuceneFields.NamePlain, query.Prefix);
        if (words.Count == 0)
        {
            return [];
        }

        var all = new BooleanQuery(disableCoord: true);
        foreach (var word in words.Take(8))
        {
            var gram = word.Length > LuceneAnalysis.MaxSuggestGram ? word[..LuceneAnalysis.MaxSuggestGram] : word;
            all.Add(new TermQuery(new Term(LuceneFields.Suggest, gram)), Occur.MUST);
        }

        var live = Live();
        var searcher = live.Searchers.Acquire();
        try
        {
            var sort = new Sort(SortField.FIELD_SCORE, new SortField(LuceneFields.IdSort, SortFieldType.STRING));
            var top = searcher.Search(all, null, Math.Max(query.Limit * 5, 20), sort, doDocScores: false, doMaxScore: false);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var suggestions = new List<Suggestion>();
            foreach (var scored in top.ScoreDocs)
            {
                var document = LuceneFields.Load(searcher, scored.Doc);
                if (seen.Add(document.Name.Trim()))
                {
                    suggestions.Add(new Suggestion(document.Name, document.ProductId));
                    if (suggestions.Count == query.Limit)
                    {
                        break;
                    }
                }
            }

            return suggestions;
        }
        finally
        {
            live.Searchers.Release(searcher);
        }
    }

    public Task<SearchEngineHealth> CheckHealthAsync(CancellationToken ct)
    {
        try
        {
            var live = Live();
            var searcher = live.Searchers.Acquire();
            try
            {
                return Task.FromResult(new SearchEngineHealth(true, $"Lucene index {live.Name}: {searcher.IndexReader.NumDocs} products."));
            }
            finally
            {
                live.Searchers.Release(searcher);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(new SearchEngineHealth(false, "Lucene index unavailable: " + ex.GetType().Name));
        }
    }

    public async Task<IIndexRebuild> BeginRebuildAsync(CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            if (_rebuild is not null)
            {
                throw new InvalidOperationException("A rebuild is already running in this process.");
            }

            System.IO.Directory.CreateDirectory(_root);
            var name = "gen-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
            var directory = FSDirectory.Open(Path.Combine(_root, name));
            var writer = new IndexWriter(directory, WriterConfig(OpenMode.CREATE, ramBufferMb: 64));
            var rebuild = new LuceneRebuild(this, name, directory, writer);
            _rebuild = rebuild;
            File.WriteAllText(Path.Combine(_root, RebuildingMarker), name);
        }
        finally
        {
            _writeGate.Release();
        }

        // A service running in another process starts journaling its writes on its next refresh tick; give it that
        // time before the caller starts reading the store, so no write falls between the two.
        await Task.Delay(_refreshInterval * 2, ct);
        return _rebuild!;
    }

    /// <summary>Called by <see cref="LuceneRebuild.SwapAsync"/>: commit, point <c>current</c> at it, adopt it here.</summary>
    internal async Task SwapInAsync(LuceneRebuild rebuild, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            rebuild.Writer.Commit();
            WritePointer(rebuild.Name);
            File.Delete(Path.Combine(_root, RebuildingMarker));
            _created = false;
            _crashed = false;
            _dirty = false;
            File.Delete(Path.Combine(_root, UncommittedMarker));
            var old = _live;
            if (old is not null)
            {
                // This process serves searches: the rebuilt writer becomes the live one.
                _live = new Generation(rebuild.Name, rebuild.Directory, rebuild.Writer, NewSearcherManager(rebuild.Writer));
                ForgetUnrefreshed(); // the new searcher shows every write (they were mirrored into the rebuild)
                rebuild.Adopted = true;
                RetireLater(old);
            }
            else
            {
                rebuild.Writer.Dispose();
                rebuild.Directory.Dispose();
                rebuild.Adopted = true;
                DeleteStaleGenerations(keep: rebuild.Name);
            }

            _rebuild = null;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    internal void Abandon(LuceneRebuild rebuild)
    {
        if (!ReferenceEquals(_rebuild, rebuild))
        {
            return;
        }

        _rebuild = null;
        try
        {
            File.Delete(Path.Combine(_root, RebuildingMarker));
            rebuild.Writer.Rollback();
            rebuild.Directory.Dispose();
            System.IO.Directory.Delete(Path.Combine(_root, rebuild.Name), recursive: true);
        }
        catch (IOException ex)
        {
            LogCleanupFailed(_logger, rebuild.Name, ex);
        }
    }

    internal sealed record Snapshot(string Generation, string Segments, int Files, long Bytes);

    /// <summary>
    /// Copies the files of the live generation's last commit into <paramref name="destination"/>. Works beside a
    /// service writing the index in another process: a commit's files never change, and if the writer deletes one
    /// (a newer commit made it obsolete, or a reindex swapped generations) before it is copied, the copy starts again
    /// from the newer commit. Pending writes of this process are committed first.
    /// </summary>
    internal async Task<Snapshot?> SnapshotAsync(string destination, CancellationToken ct)
    {
        if (_live is not null)
        {
            await CommitAsync(ct);
        }

        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            if (ReadPointer() is not { } name || !System.IO.Directory.Exists(Path.Combine(_root, name)))
            {
                return null;
            }

            foreach (var stale in System.IO.Directory.EnumerateFiles(destination))
            {
                File.Delete(stale);
            }

            try
            {
                using var directory = FSDirectory.Open(Path.Combine(_root, name));
                var commit = DirectoryReader.ListCommits(directory)[^1];
                long bytes = 0;
                foreach (var file in commit.FileNames)
                {
                    var target = Path.Combine(destination, file);
                    File.Copy(Path.Combine(_root, name, file), target);
                    bytes += new FileInfo(target).Length;
                }

                return new Snapshot(name, commit.SegmentsFileName, commit.FileNames.Count, bytes);
            }
            catch (Exception ex) when (attempt < 10 && ex is IOException or IndexNotFoundException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct);
            }
        }
    }

    /// <summary>
    /// Makes a snapshot taken by <see cref="SnapshotAsync"/> the live generation: copied into a new generation
    /// directory, then <c>current</c> pointed at it atomically, as a reindex does.
    /// </summary>
    internal async Task<string> InstallSnapshotAsync(string source, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            System.IO.Directory.CreateDirectory(_root);
            var name = "gen-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture) + "-restored";
            var target = System.IO.Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
            foreach (var file in System.IO.Directory.EnumerateFiles(source))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }

            // Markers of the replaced index say nothing about this one.
            File.Delete(Path.Combine(_root, UncommittedMarker));
            File.Delete(Path.Combine(_root, RebuildingMarker));
            WritePointer(name);
            return name;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private Generation Live()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_live is { } live)
        {
            return live;
        }

        lock (_openLock)
        {
            if (_live is { } again)
            {
                return again;
            }

            try
            {
                System.IO.Directory.CreateDirectory(_root);
                var name = ReadPointer();
                if (name is null)
                {
                    name = "gen-initial";
                    WritePointer(name);
                    _created = true;
                }

                _crashed = File.Exists(Path.Combine(_root, UncommittedMarker));

                _live = Open(name);
                DeleteStaleGenerations(keep: name); // left by a reindex whose process ended before it could clean up
                return _live;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LockObtainFailedException)
            {
                throw new SearchEngineUnavailableException("The search index could not be opened: " + ex.Message, ex);
            }
        }
    }

    private Generation Open(string name)
    {
        var directory = FSDirectory.Open(Path.Combine(_root, name));
        var writer = new IndexWriter(directory, WriterConfig(OpenMode.CREATE_OR_APPEND, ramBufferMb: 16));
        writer.Commit(); // an empty new index must exist on disk before readers open it
        return new Generation(name, directory, writer, NewSearcherManager(writer));
    }

    private static IndexWriterConfig WriterConfig(OpenMode mode, double ramBufferMb) => new(LuceneAnalysis.Version, LuceneAnalysis.PerField)
    {
        OpenMode = mode,
        Similarity = new BM25Similarity(),
        RAMBufferSizeMB = ramBufferMb,
    };

    private static SearcherManager NewSearcherManager(IndexWriter writer) =>
        new(writer, applyAllDeletes: true, new BM25SearcherFactory());

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        // BM25 as the index was written with (SearchSimilarity scores exactly as BM25Similarity, cheaper per query).
        public override IndexSearcher NewSearcher(IndexReader reader) => new SharedSearcher(reader) { Similarity = new SearchSimilarity() };
    }

    private string? ReadPointer()
    {
        var path = Path.Combine(_root, PointerFile);
        return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } name ? name : null;
    }

    private void WritePointer(string name)
    {
        var path = Path.Combine(_root, PointerFile);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllText(temp, name);
        File.Move(temp, path, overwrite: true); // rename(2): atomic on the same file system
    }

    private void RefreshTick()
    {
        if (_disposed || _live is null)
        {
            return;
        }

        try
        {
            AdoptSwapIfAny();
            TrackForeignRebuild();
            if (_live is { } live)
            {
                RefreshSearchers(live, blocking: false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRefreshFailed(_logger, ex);
        }
    }

    /// <summary>Another process (the reindex verb) pointed <c>current</c> at a new generation: reopen on it.</summary>
    private void AdoptSwapIfAny()
    {
        if (_live is not { } live || ReadPointer() is not { } pointed || pointed == live.Name)
        {
            return;
        }

        _writeGate.Wait();
        try
        {
            if (_live is not { } current || current.Name == pointed)
            {
                return;
            }

            var next = Open(pointed);

            // Writes made here while the other process rebuilt may be missing from what it read: re-apply them. They
            // are the latest this process knew; anything newer arrives as its own event and converges.
            if (Interlocked.Exchange(ref _journal, null) is { Count: > 0 } journal)
            {
                foreach (var (id, document) in journal)
                {
                    var term = new Term(LuceneFields.Id, LuceneFields.IdTerm(id));
                    if (document is null)
                    {
                        next.Writer.DeleteDocuments(term);
                    }
                    else
                    {
                        next.Writer.UpdateDocument(term, LuceneFields.ToDocument(document));
                    }
                }

                LogReapplied(_logger, journal.Count, pointed);
            }

            // The old generation's pending writes are committed as its writer closes; the new one is committed now.
            next.Writer.Commit();
            next.Searchers.MaybeRefreshBlocking();
            ForgetUnrefreshed(); // writes to the old generation say nothing about the new one; the journal's are shown
            _dirty = false;
            File.Delete(Path.Combine(_root, UncommittedMarker));
            _live = next;
            RetireLater(current);
            LogAdopted(_logger, pointed);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Starts (or stops) journaling when another process begins (or abandons) a rebuild.</summary>
    private void TrackForeignRebuild()
    {
        var rebuilding = File.Exists(Path.Combine(_root, RebuildingMarker)) && _rebuild is null;
        if (rebuilding == (_journal is not null))
        {
            return;
        }

        _writeGate.Wait();
        try
        {
            _journal = rebuilding ? [] : null;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Searches in flight may still hold the old reader: close it a little later, then delete its files.</summary>
    private void RetireLater(Generation old)
    {
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            old.Dispose();
            DeleteStaleGenerations(keep: _live?.Name);
        });
    }

    private void DeleteStaleGenerations(string? keep)
    {
        foreach (var directory in System.IO.Directory.GetDirectories(_root, "gen-*"))
        {
            var name = Path.GetFileName(directory);
            if (name == keep || name == _live?.Name || name == _rebuild?.Name)
            {
                continue;
            }

            try
            {
                using (var fs = FSDirectory.Open(directory))
                {
                    if (IndexWriter.IsLocked(fs))
                    {
                        continue; // another process still writes there
                    }
                }

                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException ex)
            {
                LogCleanupFailed(_logger, name, ex);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) == 1)
        {
            return; // the container and process exit may both dispose
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _refreshTimer.Dispose();
        _commitTimer.Dispose();
        try
        {
            _writeGate.Wait();
            CommitPending();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            LogCommitFailed(_logger, ex); // the marker stays: the next start rebuilds
        }

        _disposed = true;
        _rebuild?.Writer.Rollback();
        _live?.Dispose();
        _writeGate.Dispose();
    }

    private sealed record Generation(string Name, LuceneDirectory Directory, IndexWriter Writer, SearcherManager Searchers) : IDisposable
    {
        public void Dispose()
        {
            Searchers.Dispose();
            Writer.Dispose();
            Directory.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-applied {Count} writes made during the rebuild to {Generation}")]
    private static partial void LogReapplied(ILogger logger, int count, string generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index commit failed; pending writes stay uncommitted")]
    private static partial void LogCommitFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index refresh failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index switched to {Generation} (rebuilt by another process)")]
    private static partial void LogAdopted(ILogger logger, string generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete old search index {Generation}")]
    private static partial void LogCleanupFailed(ILogger logger, string generation, Exception ex);
}

/// <summary>A new generation being built aside; see <see cref="LuceneSearchEngine.BeginRebuildAsync"/>.</summary>
internal sealed class LuceneRebuild(LuceneSearchEngine engine, string name, LuceneDirectory directory, IndexWriter writer) : IIndexRebuild
{
    // Ids changed by live writes during the rebuild: the live write is at least as new as what the rebuild's
    // stream read, so later batches of the rebuild skip those ids.
    private readonly HashSet<Guid> _touched = [];
    private readonly System.Threading.Lock _lock = new();

    public string Name { get; } = name;

    public LuceneDirectory Directory { get; } = directory;

    public IndexWriter Writer { get; } = writer;

    public bool Adopted { get; set; }

    public Task AddAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct)
    {
        lock (_lock)
        {
            foreach (var document in documents)
            {
                if (!_touched.Contains(document.ProductId))
                {
                    Writer.AddDocument(LuceneFields.ToDocument(document));
                }
            }
        }

        return Task.CompletedTask;
    }

    internal void Mirror(IReadOnlyCollection<SearchDocument> upserted, IReadOnlyCollection<Guid> deleted)
    {
        lock (_lock)
        {
            foreach (var document in upserted)
            {
                _touched.Add(document.ProductId);
                Writer.UpdateDocument(new Term(LuceneFields.Id, LuceneFields.IdTerm(document.ProductId)), LuceneFields.ToDocument(document));
            }

            foreach (var id in deleted)
            {
                _touched.Add(id);
                Writer.DeleteDocuments(new Term(LuceneFields.Id, LuceneFields.IdTerm(id)));
            }
        }
    }

    public Task SwapAsync(CancellationToken ct) => engine.SwapInAsync(this, ct);

    public ValueTask DisposeAsync()
    {
        if (!Adopted)
        {
            engine.Abandon(this);
        }

        return ValueTask.CompletedTask;
    }
}
