using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>
/// The weight of a <see cref="CachedTermQuery"/>: scores exactly as Lucene's own term weight (same similarity, same
/// statistics, same formula per document), but reads its postings through enumerators reused from query to query
/// (<see cref="PostingsPool"/>). Lucene makes a new terms enumerator and a new postings enumerator — with its own clone
/// of the segment's file input and its block buffers — for every term in every segment of every query: a two-word
/// query opens ~150 of them.
/// </summary>
internal sealed class PooledTermWeight : Weight
{
    private readonly TermQuery _query;
    private readonly IndexSearcher _searcher;
    private readonly TermContext _states;
    private readonly Similarity _similarity;
    private readonly Similarity.SimWeight _stats;
    private float _queryNorm = 1f;
    private float _topLevelBoost = 1f;

    public PooledTermWeight(TermQuery query, IndexSearcher searcher, TermContext states)
    {
        _query = query;
        _searcher = searcher;
        _states = states;
        _similarity = searcher.Similarity;
        _stats = _similarity.ComputeWeight(query.Boost, searcher.CollectionStatistics(query.Term.Field), searcher.TermStatistics(query.Term, states));
    }

    public override Query Query => _query;

    public override float GetValueForNormalization() => _stats.GetValueForNormalization();

    public override void Normalize(float norm, float topLevelBoost)
    {
        _queryNorm = norm;
        _topLevelBoost = topLevelBoost;
        _stats.Normalize(norm, topLevelBoost);
    }

    public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs)
    {
        if (_states.Get(context.Ord) is not { } state)
        {
            return null; // the term is not in this segment
        }

        var docs = PostingsPool.Docs(context.AtomicReader, _query.Term, state, acceptDocs);
        return new PooledTermScorer(this, docs, _similarity.GetSimScorer(_stats, context));
    }

    /// <summary>Explanations are rare (debugging): Lucene's own term weight, normalised the same way.</summary>
    public override Explanation Explain(AtomicReaderContext context, int doc)
    {
        var weight = new TermQuery(_query.Term, _states) { Boost = _query.Boost }.CreateWeight(_searcher);
        weight.Normalize(_queryNorm, _topLevelBoost);
        return weight.Explain(context, doc);
    }
}

/// <summary>As Lucene's (internal) term scorer.</summary>
internal sealed class PooledTermScorer(Weight weight, DocsEnum docs, Similarity.SimScorer scorer) : Scorer(weight)
{
    public override int DocID => docs.DocID;

    public override int Freq => docs.Freq;

    public override int NextDoc() => docs.NextDoc();

    public override int Advance(int target) => docs.Advance(target);

    public override float GetScore() => scorer.Score(docs.DocID, docs.Freq);

    public override long GetCost() => docs.GetCost();

    public override string ToString() => "scorer(" + m_weight + ")";
}

/// <summary>
/// Terms and postings enumerators of a segment's field, lent to the scorers of one segment's pass of one search and
/// taken back when that pass ends (<see cref="SharedSearcher"/> brackets each pass with <see cref="Lend"/>): the next
/// query reuses them instead of allocating and cloning new ones. Outside a bracket (another searcher, an explanation)
/// nothing is pooled. Kept per segment core, so a segment's enumerators go with the segment.
/// </summary>
internal static class PostingsPool
{
    private const int MaxIdlePerField = 64;
    private static readonly ConditionalWeakTable<object, Segment> Segments = [];

    [ThreadStatic]
    private static List<(Stack<Pooled> Home, Pooled Item)>? t_lent;

    /// <summary>Starts a pass: enumerators taken on this thread until the returned scope ends go back to the pool.</summary>
    public static Scope Lend()
    {
        var outer = t_lent;
        t_lent = [];
        return new Scope(outer);
    }

    public static DocsEnum Docs(AtomicReader reader, Term term, TermState state, IBits acceptDocs)
    {
        if (t_lent is not { } lent)
        {
            var terms = reader.GetTerms(term.Field).GetEnumerator();
            terms.SeekExact(term.Bytes, state);
            return terms.Docs(acceptDocs, null);
        }

        var (home, item) = Take(reader, term.Field);
        item.Terms.SeekExact(term.Bytes, state);
        item.Docs = item.Terms.Docs(acceptDocs, item.Docs);
        lent.Add((home, item));
        return item.Docs;
    }

    /// <summary>Looks a term up in a segment's dictionary with a pooled enumerator; null when it is not there.</summary>
    public static (TermState State, int DocFreq, long TotalTermFreq)? Seek(AtomicReader reader, Term term)
    {
        if (reader.Fields?.GetTerms(term.Field) is null)
        {
            return null;
        }

        var (home, item) = Take(reader, term.Field);
        try
        {
            var terms = item.Terms;
            return terms.SeekExact(term.Bytes) ? (terms.GetTermState(), terms.DocFreq, terms.TotalTermFreq) : null;
        }
        finally
        {
            Give(home, item);
        }
    }

    private static (Stack<Pooled> Home, Pooled Item) Take(AtomicReader reader, string field)
    {
        var home = Segments.GetValue(reader.CoreCacheKey, _ => new Segment()).Idle(field);
        Pooled? item;
        lock (home)
        {
            home.TryPop(out item);
        }

        return (home, item ?? new Pooled(reader.GetTerms(field).GetEnumerator()));
    }

    private static void Give(Stack<Pooled> home, Pooled item)
    {
        lock (home)
        {
            if (home.Count < MaxIdlePerField)
            {
                home.Push(item);
            }
        }
    }

    internal readonly struct Scope(List<(Stack<Pooled> Home, Pooled Item)>? outer) : IDisposable
    {
        public void Dispose()
        {
            if (t_lent is { } lent)
            {
                foreach (var (home, item) in lent)
                {
                    Give(home, item);
                }
            }

            t_lent = outer;
        }
    }

    internal sealed class Pooled(TermsEnum terms)
    {
        public TermsEnum Terms { get; } = terms;

        public DocsEnum? Docs { get; set; }
    }

    private sealed class Segment
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Stack<Pooled>> _fields = new(StringComparer.Ordinal);

        public Stack<Pooled> Idle(string field) => _fields.GetOrAdd(field, static _ => new Stack<Pooled>());
    }
}

/// <summary>
/// Lucene's top-terms scoring rewrite (what <see cref="FuzzyQuery"/> uses), building <see cref="CachedTermQuery"/>
/// clauses with the term states the rewrite found, so the expanded terms read their postings through the pool too.
/// </summary>
internal sealed class PooledTopTermsRewrite(int size) : TopTermsRewrite<BooleanQuery>(size)
{
    protected override int MaxSize => BooleanQuery.MaxClauseCount;

    protected override BooleanQuery GetTopLevelQuery() => new(disableCoord: true);

    protected override void AddClause(BooleanQuery topLevel, Term term, int docCount, float boost, TermContext states) =>
        topLevel.Add(new CachedTermQuery(term, states) { Boost = boost }, Occur.SHOULD);
}
