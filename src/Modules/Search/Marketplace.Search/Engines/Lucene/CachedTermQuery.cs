using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>
/// A term query whose per-segment term lookups are remembered. Building a query's weight seeks every term in every
/// segment's term dictionary (a two-word query has ~25 terms over its fields); that was a fifth of a query's time at
/// 100,000 products (profile in bench/search/README.md), and the same words come back in query after query. What is
/// remembered per segment is what <see cref="TermContext.Build"/> would find — the term's position in the dictionary
/// and its document frequencies — so scores are unchanged. <paramref name="states"/>: the term's states as a rewrite
/// found them (an expanded fuzzy term), valid for the reader it was rewritten against. Its postings are read through
/// reused enumerators (<see cref="PooledTermWeight"/>).
/// </summary>
internal sealed class CachedTermQuery(Term term, TermContext? states = null) : TermQuery(term)
{
    public override Weight CreateWeight(IndexSearcher searcher) =>
        new PooledTermWeight(this, searcher, states ?? (searcher is SharedSearcher shared ? shared.TermContext(Term) : TermStates.Build(searcher.TopReaderContext, Term)));
}

/// <summary>
/// The searcher every query shares until the next refresh (<see cref="LuceneSearchEngine"/>'s searcher manager makes
/// one per reader). It remembers, for its reader, each term's <see cref="TermContext"/> (built from the per-segment
/// <see cref="TermStates"/>) and each field's statistics (document count, term frequency sums) — the same for every
/// query, yet Lucene recomputes them for each term of each query.
/// </summary>
internal sealed class SharedSearcher(IndexReader reader) : IndexSearcher(reader)
{
    private const int MaxTerms = 100_000;
    private readonly ConcurrentDictionary<string, CollectionStatistics> _fields = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Term, TermContext> _terms = new();
    private int _added;

    public override CollectionStatistics CollectionStatistics(string field) => _fields.GetOrAdd(field, base.CollectionStatistics);

    /// <summary>
    /// Lucene's loop over the segments, with two differences: each segment's pass lends its scorers pooled postings
    /// enumerators and takes them back at its end, and the collector is moved to a segment only when the query has a
    /// scorer there (Lucene moves it first: facet arrays, sort values and the page's bottom entry re-resolved for
    /// segments — small ones after writes — where nothing matches).
    /// </summary>
    protected override void Search(IList<AtomicReaderContext> leaves, Weight weight, ICollector collector)
    {
        foreach (var leaf in leaves)
        {
            using (PostingsPool.Lend())
            {
                var scorer = weight.GetBulkScorer(leaf, !collector.AcceptsDocsOutOfOrder, leaf.AtomicReader.LiveDocs);
                if (scorer is null)
                {
                    continue;
                }

                try
                {
                    collector.SetNextReader(leaf);
                    scorer.Score(collector);
                }
                catch (CollectionTerminatedException)
                {
                    // the collector wants nothing more from this segment
                }
            }
        }
    }

    public TermContext TermContext(Term term)
    {
        if (_terms.TryGetValue(term, out var context))
        {
            return context;
        }

        context = TermStates.Build(TopReaderContext, term);
        if (Interlocked.Increment(ref _added) > MaxTerms)
        {
            _terms.Clear();
            Interlocked.Exchange(ref _added, 0);
        }

        _terms[term] = context;
        return context;
    }
}

/// <summary>
/// Term lookups per segment, kept as long as the segment lives: keyed by the segment's core, which a near-real-time
/// reopen shares with the reader before it (new segments start empty; deletions do not change a term's dictionary
/// entry, and Lucene's own statistics count deleted documents too). Bounded per segment.
/// </summary>
internal static class TermStates
{
    private const int MaxTermsPerSegment = 100_000;
    private static readonly ConditionalWeakTable<object, Segment> Segments = [];

    public static TermContext Build(IndexReaderContext top, Term term)
    {
        var context = new TermContext(top);
        foreach (var leaf in top.Leaves)
        {
            var segment = Segments.GetValue(leaf.AtomicReader.CoreCacheKey, _ => new Segment());
            if (!segment.Terms.TryGetValue(term, out var found))
            {
                found = Seek(leaf.AtomicReader, term);
                // ConcurrentDictionary.Count takes every lock: count the additions instead (a bound, not an exact size).
                if (Interlocked.Increment(ref segment.Added) > MaxTermsPerSegment)
                {
                    segment.Terms.Clear();
                    Interlocked.Exchange(ref segment.Added, 0);
                }

                segment.Terms[term] = found;
            }

            if (found is not null)
            {
                context.Register(found.State, leaf.Ord, found.DocFreq, found.TotalTermFreq);
            }
        }

        return context;
    }

    private static Found? Seek(AtomicReader reader, Term term) =>
        PostingsPool.Seek(reader, term) is { } found ? new Found(found.State, found.DocFreq, found.TotalTermFreq) : null;

    private sealed record Found(TermState State, int DocFreq, long TotalTermFreq);

    private sealed class Segment
    {
        public readonly ConcurrentDictionary<Term, Found?> Terms = new();
        public int Added;
    }
}
