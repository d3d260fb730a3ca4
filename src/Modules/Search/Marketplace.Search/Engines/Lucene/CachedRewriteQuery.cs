using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Marketplace.Search.Engines.Lucene;

/// <summary>
/// A query whose rewrite is remembered per index reader: a fuzzy word's expansion (walking the term dictionary of every
/// segment with a Levenshtein automaton, ~8 ms per query at 100,000 products) is the same for every query that has the
/// word, until the searcher is refreshed. The cache belongs to the reader (a new reader after a refresh starts empty,
/// so a new product's terms are found) and holds the rewritten query — the terms and boosts, not results.
/// </summary>
internal sealed class CachedRewriteQuery(Query inner) : Query
{
    private const int MaxPerReader = 50_000;
    private static readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<Query, Query>> Rewrites = [];

    private Query Inner { get; } = inner;

    public override Query Rewrite(IndexReader reader)
    {
        var cache = Rewrites.GetValue(reader, _ => new ConcurrentDictionary<Query, Query>());
        if (cache.TryGetValue(Inner, out var rewritten))
        {
            return rewritten;
        }

        if (cache.Count >= MaxPerReader)
        {
            cache.Clear();
        }

        rewritten = Inner;
        for (var next = Inner.Rewrite(reader); next != rewritten; next = rewritten.Rewrite(reader))
        {
            rewritten = next;
        }

        return cache.GetOrAdd(Inner, rewritten);
    }

    public override string ToString(string field) => Inner.ToString(field);

    public override bool Equals(object? obj) => obj is CachedRewriteQuery other && Inner.Equals(other.Inner);

    public override int GetHashCode() => Inner.GetHashCode() ^ 0x5bd1e995;
}
