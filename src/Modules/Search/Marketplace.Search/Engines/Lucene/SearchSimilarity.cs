using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>
/// BM25 for searching, with the same arithmetic as Lucene's <see cref="BM25Similarity"/> (its own idf, average length
/// and norm decoding, the same float expressions in the same order, so every score is bit-for-bit the same) but without
/// its per-term costs: Lucene builds, for every term of every query, a 256-entry table of length normalisations (which
/// depends only on the field's average length) and an explanation string of the idf. Here the table is shared per
/// average length and the explanation is built only when asked for (<see cref="SimScorer.Explain"/>). The index is
/// still written with <see cref="BM25Similarity"/> (norms are encoded by it).
/// </summary>
internal sealed class SearchSimilarity : Similarity
{
    private const int MaxTables = 1_024;
    private static readonly Bm25 Reference = new();
    private static readonly float K1 = Reference.K1;
    private static readonly float B = Reference.B;
    private static readonly ConcurrentDictionary<float, float[]> Tables = new();

    public override long ComputeNorm(FieldInvertState state) => Reference.ComputeNorm(state);

    public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats)
    {
        float idf;
        if (termStats.Length == 1)
        {
            idf = Reference.IdfOf(termStats[0].DocFreq, collectionStats.MaxDoc);
        }
        else
        {
            idf = 0.0f; // a phrase: the sum of its terms' idf, added in order as Lucene does
            foreach (var stat in termStats)
            {
                idf += Reference.IdfOf(stat.DocFreq, collectionStats.MaxDoc);
            }
        }

        var avgdl = Reference.AverageLength(collectionStats);
        return new Stats(collectionStats, termStats, queryBoost, idf, Table(avgdl));
    }

    public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context)
    {
        var stats = (Stats)weight;
        return new DocScorer(stats, context, context.AtomicReader.GetNormValues(stats.Collection.Field));
    }

    /// <summary>k1 · ((1 − b) + b · length / avgdl) for every encoded length: what Lucene computes per term.</summary>
    private static float[] Table(float avgdl)
    {
        if (Tables.TryGetValue(avgdl, out var cached))
        {
            return cached;
        }

        var cache = new float[256];
        for (var i = 0; i < cache.Length; i++)
        {
            cache[i] = K1 * ((1 - B) + B * Reference.Decode((byte)i) / avgdl);
        }

        if (Tables.Count >= MaxTables)
        {
            Tables.Clear(); // every refresh after a write may change a field's average length
        }

        return Tables.GetOrAdd(avgdl, cache);
    }

    private sealed class Stats(CollectionStatistics collection, TermStatistics[] terms, float queryBoost, float idf, float[] cache) : SimWeight
    {
        public CollectionStatistics Collection { get; } = collection;

        public TermStatistics[] Terms { get; } = terms;

        public float QueryBoost { get; } = queryBoost;

        public float Idf { get; } = idf;

        public float[] Cache { get; } = cache;

        public float QueryNorm { get; private set; } = 1f;

        public float TopLevelBoost { get; private set; } = 1f;

        public float Weight { get; private set; }

        public override float GetValueForNormalization()
        {
            var queryWeight = Idf * QueryBoost;
            return queryWeight * queryWeight;
        }

        public override void Normalize(float queryNorm, float topLevelBoost)
        {
            QueryNorm = queryNorm;
            TopLevelBoost = topLevelBoost;
            Weight = Idf * QueryBoost * topLevelBoost;
        }
    }

    private sealed class DocScorer(Stats stats, AtomicReaderContext context, NumericDocValues? norms) : SimScorer
    {
        private readonly float _weightValue = stats.Weight * (K1 + 1);
        private readonly float[] _cache = stats.Cache;

        public override float Score(int doc, float freq)
        {
            var norm = norms is null ? K1 : _cache[(sbyte)norms.Get(doc) & 0xFF];
            return _weightValue * freq / (freq + norm);
        }

        public override float ComputeSlopFactor(int distance) => Reference.Slop(distance);

        public override float ComputePayloadFactor(int doc, int start, int end, BytesRef payload) => 1;

        /// <summary>Lucene's own explanation, from the same statistics.</summary>
        public override Explanation Explain(int doc, Explanation freq)
        {
            var weight = Reference.ComputeWeight(stats.QueryBoost, stats.Collection, stats.Terms);
            weight.Normalize(stats.QueryNorm, stats.TopLevelBoost);
            return Reference.GetSimScorer(weight, context).Explain(doc, freq);
        }
    }

    /// <summary>Lucene's BM25, for its protected pieces.</summary>
    private sealed class Bm25 : BM25Similarity
    {
        public float IdfOf(long docFreq, long numDocs) => Idf(docFreq, numDocs);

        public float AverageLength(CollectionStatistics stats) => AvgFieldLength(stats);

        public float Decode(byte b) => DecodeNormValue(b);

        public float Slop(int distance) => SloppyFreq(distance);
    }
}
